import type { ColumnType, Generated, Selectable } from 'kysely';

export interface JobTable {
  id: ColumnType<string, never, never>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  done_at: Date | null;
}

export interface JobTables {
  job: JobTable;
}

export type JobRow = Selectable<JobTable>;
