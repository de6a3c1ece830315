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

/** A job that runs every so often: the worker enqueues it when next_run_at has come (jobs.ts). */
export interface JobScheduleTable {
  kind: string;
  every_seconds: number;
  next_run_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface JobTables {
  job: JobTable;
  job_schedule: JobScheduleTable;
}

export type JobRow = Selectable<JobTable>;
