import type { ColumnType } from 'kysely';

export interface MessageTable {
  id: ColumnType<string, never, never>;
  job_id: string;
  person_id: string;
  title: string;
  body: string;
  link: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  read_at: Date | null;
}

export interface NotifyTables {
  message: MessageTable;
}
