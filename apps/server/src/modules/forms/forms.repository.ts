import type { Executor } from '../../platform/db.ts';

export function findLatestFormDefinition(db: Executor, formKey: string) {
  return db.selectFrom('form_definition').selectAll().where('form_key', '=', formKey).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function findFormDefinitionById(db: Executor, id: string) {
  return db.selectFrom('form_definition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMaxFormVersion(db: Executor, formKey: string): Promise<number> {
  const row = await db.selectFrom('form_definition').select((eb) => eb.fn.max('version').as('v')).where('form_key', '=', formKey).executeTakeFirst();
  return row?.v ?? 0;
}

export function insertFormDefinition(db: Executor, row: { form_key: string; version: number; schema: string }) {
  return db.insertInto('form_definition').values(row).returningAll().executeTakeFirstOrThrow();
}
