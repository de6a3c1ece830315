import type { ColumnType, Selectable } from 'kysely';
import type { AuditAction } from '@onehall/contracts';

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_person_id: string | null;
  actor_label: string | null;
  action: AuditAction;
  outcome: string;
  target: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: ColumnType<Record<string, unknown> | null, string | null | undefined, never>;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
