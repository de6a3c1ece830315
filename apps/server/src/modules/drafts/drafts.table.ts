import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * A draft kept on the server (草稿): one per person and service, saved over
 * as the person types, deleted by the submit of the service. `data` is the
 * form's values as they stood — never checked as a form (only its size and
 * keys are limited), so nothing may treat it as a valid application.
 */
export interface ApplicationDraftTable {
  id: Generated<string>;
  person_id: string;
  service_id: string;
  /** The version of the service's form the values were filled in on. */
  form_version: number;
  data: ColumnType<Record<string, unknown>, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DraftsTables {
  application_draft: ApplicationDraftTable;
}

export type ApplicationDraftRow = Selectable<ApplicationDraftTable>;
