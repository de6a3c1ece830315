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

export function findLiveBindingByWecomUser(db: Executor, wecomUserId: string) {
  return db.selectFrom('binding').selectAll().where('wecom_userid', '=', wecomUserId).where('unbound_at', 'is', null).executeTakeFirst();
}

export async function insertWecomPending(db: Executor, row: { id: string; wecom_userid: string; mobile: string | null; expires_at: Date }): Promise<void> {
  await db.insertInto('wecom_pending').values(row).execute();
}

/** The browser's pending WeCom member, if unused and unexpired (not taken: a failed binding may be tried again). */
export function findWecomPending(db: Executor, id: string) {
  return db.selectFrom('wecom_pending').selectAll().where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', new Date()).executeTakeFirst();
}

export async function useWecomPending(db: Executor, id: string): Promise<void> {
  await db.updateTable('wecom_pending').set({ used_at: new Date() }).where('id', '=', id).execute();
}

