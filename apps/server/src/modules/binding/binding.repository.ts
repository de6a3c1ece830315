import type { Executor } from '../../platform/db.ts';

/** SQL of bindings. */

export function findLiveBinding(db: Executor, personId: string) {
  return db.selectFrom('binding').selectAll().where('person_id', '=', personId).where('unbound_at', 'is', null).executeTakeFirst();
}

export async function insertBinding(db: Executor, row: { person_id: string; phone: string; wecom_userid: string | null }): Promise<void> {
  await db.insertInto('binding').values(row).execute();
}

/** Ends the person's live binding; returns whether there was one. */
export async function endBinding(db: Executor, personId: string): Promise<boolean> {
  const result = await db.updateTable('binding').set({ unbound_at: new Date() }).where('person_id', '=', personId).where('unbound_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** When the session was opened: binding and unbinding want a login made just now. */
export async function findSessionStartedAt(db: Executor, sessionId: string): Promise<Date | null> {
  const row = await db.selectFrom('session').select('created_at').where('id', '=', sessionId).executeTakeFirst();
  return row?.created_at ?? null;
}
