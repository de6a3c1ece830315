import type { ColumnType, Generated, Selectable } from 'kysely';

export interface BindingTable {
  id: Generated<string>;
  person_id: string;
  /** The verified mobile number, as typed (masked in every answer). */
  phone: string;
  /** The WeCom member id, when bound inside WeCom. */
  wecom_userid: string | null;
  bound_at: ColumnType<Date, Date | string | undefined, never>;
  unbound_at: Date | null;
}

export interface BindingTables {
  binding: BindingTable;
}

export type BindingRow = Selectable<BindingTable>;
