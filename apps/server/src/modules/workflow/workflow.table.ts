import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ApplicationStatus, TaskStatus, TimelineAction } from '@onehall/contracts';
import type { Action, EngineState, ProcessDefinition, TaskKind } from '@onehall/engine';
import type { FormValues } from '@onehall/forms';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface ProcessDefinitionTable {
  id: Generated<string>;
  process_key: string;
  version: number;
  definition: ColumnType<ProcessDefinition, string, never>;
  created_at: CreatedAt;
}

export interface ApplicationTable {
  id: Generated<string>;
  serial_no: string;
  service_id: string;
  applicant_person_id: string;
  applicant_account_id: string;
  form_definition_id: string;
  process_definition_id: string;
  title: string;
  data: ColumnType<FormValues, string, string>;
  status: ApplicationStatus;
  engine_state: ColumnType<EngineState, string, string>;
  current_node_id: string | null;
  current_node_name: string | null;
  /** Bumped by every change; writers check it (optimistic concurrency). */
  version: Generated<number>;
  idempotency_key: string;
  submitted_at: CreatedAt;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TaskTable {
  id: Generated<string>;
  application_id: string;
  node_id: string;
  node_name: string;
  assignee_person_id: string;
  /** The application's service, copied for the lists' service filter. */
  service_id: string;
  status: TaskStatus;
  /** The engine's key of this task, unique within the application. */
  engine_key: string;
  kind: Generated<TaskKind>;
  /** For delegate and signer tasks: the engine key of the task they serve. */
  for_key: string | null;
  last_urged_at: Date | null;
  opinion: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TimelineTable {
  id: ColumnType<string, never, never>;
  application_id: string;
  action: TimelineAction;
  actor_person_id: string | null;
  node_id: string | null;
  node_name: string | null;
  opinion: string | null;
  detail: ColumnType<Record<string, unknown> | null, string | null | undefined, never>;
  at: CreatedAt;
}

export interface ApplicationActionTable {
  id: ColumnType<string, never, never>;
  application_id: string;
  actor_person_id: string | null;
  action: ColumnType<Action, string, never>;
  idempotency_key: string | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ApplicationCcTable {
  id: Generated<string>;
  application_id: string;
  person_id: string;
  /** The application's service, copied for the lists' service filter. */
  service_id: string;
  by_person_id: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface WorkflowTables {
  process_definition: ProcessDefinitionTable;
  application: ApplicationTable;
  task: TaskTable;
  timeline: TimelineTable;
  application_action: ApplicationActionTable;
  application_cc: ApplicationCcTable;
}

export type ApplicationRow = Selectable<ApplicationTable>;
export type TaskRow = Selectable<TaskTable>;
export type TimelineRow = Selectable<TimelineTable>;
export type ProcessDefinitionRow = Selectable<ProcessDefinitionTable>;
