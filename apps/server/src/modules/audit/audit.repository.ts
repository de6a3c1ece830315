import type { AuditAction } from '@onehall/contracts';
import type { Cursor } from '../../platform/cursor.ts';
import type { Executor } from '../../platform/db.ts';
import type { AuditLogTable } from './audit.table.ts';
import type { Insertable } from 'kysely';

/** SQL of the audit log: insert, and a keyset-paginated read. Nothing updates or deletes (the database refuses). */

export async function insertAuditEntry(db: Executor, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export function findAuditEntries(db: Executor, options: { personId?: string | undefined; action?: AuditAction | undefined; cursor?: Cursor | undefined; limit: number }) {
  let query = db.selectFrom('audit_log').selectAll();
  if (options.personId) query = query.where('actor_person_id', '=', options.personId);
  if (options.action) query = query.where('action', '=', options.action);
  if (options.cursor) {
    const { at, id } = options.cursor;
    query = query.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(at, id)));
  }
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}
