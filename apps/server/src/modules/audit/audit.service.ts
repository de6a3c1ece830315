import type { AuditAction, AuditListDto, AuditListQuery } from '@onehall/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import type { Db, Executor } from '../../platform/db.ts';
import * as repo from './audit.repository.ts';
import type { RequestOrigin } from './request-origin.ts';

export type { RequestOrigin } from './request-origin.ts';

export interface AuditEntry {
  action: AuditAction;
  /** 'ok', or the error code that refused the attempt. */
  outcome: string;
  actorPersonId: string | null;
  /** What identified the actor when there is no person (e.g. the account number typed at a failed login). */
  actorLabel?: string | null;
  /** What the action was about, when it is not the actor themself. */
  target?: string | null;
  detail?: Record<string, unknown>;
  origin: RequestOrigin;
}

export type AuditService = ReturnType<typeof createAuditService>;

/**
 * The append-only audit log. `record` writes in the caller's transaction, so
 * an entry exists exactly when the change it describes does. Never put a
 * password, code, ticket or token in an entry.
 */
export function createAuditService(deps: { db: Db; findPeopleNames: (ids: string[]) => Promise<Map<string, { name: string }>> }) {
  const { db } = deps;
  return {
    async record(executor: Executor, entry: AuditEntry): Promise<void> {
      await repo.insertAuditEntry(executor, {
        action: entry.action,
        outcome: entry.outcome,
        actor_person_id: entry.actorPersonId,
        actor_label: entry.actorLabel?.slice(0, 64) ?? null,
        target: entry.target ?? null,
        ip: entry.origin.ip,
        user_agent: entry.origin.userAgent?.slice(0, 300) ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      });
    },

    /** The log, newest first, for administrators. */
    async list(query: AuditListQuery): Promise<AuditListDto> {
      const rows = await repo.findAuditEntries(db, { personId: query.personId, action: query.action, cursor: decodeCursor(query.cursor), limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const names = await deps.findPeopleNames([...new Set(page.flatMap((row) => (row.actor_person_id ? [row.actor_person_id] : [])))]);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          action: row.action,
          outcome: row.outcome,
          actor: { personId: row.actor_person_id, name: row.actor_person_id ? (names.get(row.actor_person_id)?.name ?? null) : null, label: row.actor_label },
          target: row.target,
          ip: row.ip,
          userAgent: row.user_agent,
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
      };
    },
  };
}
