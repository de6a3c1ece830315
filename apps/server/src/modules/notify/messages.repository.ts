import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/**
 * SQL of the message centre (消息). A person's messages are read newest
 * first through message_person_idx (person_id, id desc); the unread count
 * and 全部已读 read only the unread ones, through message_unread_idx.
 * Every statement names the person: nobody reaches another's messages.
 */

/** One page of a person's messages after `beforeId` (a keyset cursor on the id). */
export function messagesOfPersonQuery(db: Executor, personId: string, options: { beforeId?: string | undefined; limit: number }) {
  let query = db.selectFrom('message').select(['id', 'title', 'body', 'link', 'created_at', 'read_at']).where('person_id', '=', personId);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit);
}

export function findMessagesOfPerson(db: Executor, personId: string, options: { beforeId?: string | undefined; limit: number }) {
  return messagesOfPersonQuery(db, personId, options).execute();
}

export function unreadCountQuery(db: Executor, personId: string) {
  return db.selectFrom('message').select(sql<number>`count(*)::int`.as('unread')).where('person_id', '=', personId).where('read_at', 'is', null);
}

export async function countUnread(db: Executor, personId: string): Promise<number> {
  return (await unreadCountQuery(db, personId).executeTakeFirstOrThrow()).unread;
}

/**
 * Marks one of the person's messages read (a message read before keeps its
 * first time). False when the person has no message with this id.
 */
export async function markRead(db: Executor, personId: string, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('message')
    .set({ read_at: sql<Date>`coalesce(read_at, ${at}::timestamptz)` })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks every unread message of the person read; returns how many. */
export async function markAllRead(db: Executor, personId: string, at: Date): Promise<number> {
  const result = await db.updateTable('message').set({ read_at: at }).where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
