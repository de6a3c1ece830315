import type { Executor } from '../../platform/db.ts';

export function findLatestProcessDefinition(db: Executor, processKey: string) {
  return db.selectFrom('process_definition').selectAll().where('process_key', '=', processKey).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function findProcessDefinitionById(db: Executor, id: string) {
  return db.selectFrom('process_definition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMaxProcessVersion(db: Executor, processKey: string): Promise<number> {
  const row = await db.selectFrom('process_definition').select((eb) => eb.fn.max('version').as('v')).where('process_key', '=', processKey).executeTakeFirst();
  return row?.v ?? 0;
}

export function insertProcessDefinition(db: Executor, row: { process_key: string; version: number; definition: string }) {
  return db.insertInto('process_definition').values(row).returningAll().executeTakeFirstOrThrow();
}
