import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FormDefinition } from '@onehall/forms';

export interface FormDefinitionTable {
  id: Generated<string>;
  form_key: string;
  version: number;
  schema: ColumnType<FormDefinition, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FormsTables {
  form_definition: FormDefinitionTable;
}

export type FormDefinitionRow = Selectable<FormDefinitionTable>;
