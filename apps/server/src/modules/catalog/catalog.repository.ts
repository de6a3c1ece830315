import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { PersonKind } from '@onehall/contracts';
import type { Executor } from '../../platform/db.ts';
import type { ServiceTable } from './catalog.table.ts';

export function findActiveBanners(db: Executor) {
  return db.selectFrom('banner').select(['id', 'title', 'image_url', 'link']).where('is_active', '=', true).orderBy('sort').orderBy('id').execute();
}

/**
 * Published services the given kind of person may see (a service with no
 * audience is for everyone), with their category, department and the stored
 * readings of the name, in catalog order.
 */
export function findVisibleServices(db: Executor, kind: PersonKind) {
  return db
    .selectFrom('service as s')
    .innerJoin('category as c', 'c.id', 's.category_id')
    .innerJoin('department as d', 'd.id', 's.department_id')
    .select(['s.id', 's.code', 's.name', 's.icon', 's.summary', 's.name_pinyin', 's.name_initials', 'd.name as department_name', 'c.id as category_id', 'c.name as category_name'])
    .where('s.status', '=', 'published')
    .where((eb) => eb.or([eb(sql<number>`cardinality(${eb.ref('s.audiences')})`, '=', 0), eb(eb.val(kind), '=', eb.fn.any('s.audiences'))]))
    .orderBy('c.sort')
    .orderBy('c.name')
    .orderBy('s.sort')
    .orderBy('s.name')
    .execute();
}

export function findServiceByCode(db: Executor, code: string) {
  return db
    .selectFrom('service as s')
    .innerJoin('department as d', 'd.id', 's.department_id')
    .selectAll('s')
    .select(['d.name as department_name'])
    .where('s.code', '=', code)
    .executeTakeFirst();
}

export function findServicesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('service').select(['id', 'code', 'name']).where('id', 'in', [...ids]).execute();
}

export async function countPublishedServices(db: Executor): Promise<number> {
  const row = await db.selectFrom('service').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'published').executeTakeFirstOrThrow();
  return row.n;
}

/** Writes a service by its code: a new one is inserted, an existing one takes the new values. Returns its id. */
export async function upsertService(db: Executor, values: Insertable<ServiceTable>): Promise<string> {
  const { code: _code, ...changes } = values;
  const row = await db
    .insertInto('service')
    .values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// ── 我的收藏 and 最近使用 ──

/** Adding twice leaves one row, with the first time. */
export async function insertFavorite(db: Executor, personId: string, serviceId: string): Promise<void> {
  await db.insertInto('service_favorite').values({ person_id: personId, service_id: serviceId }).onConflict((oc) => oc.columns(['person_id', 'service_id']).doNothing()).execute();
}

export async function deleteFavorite(db: Executor, personId: string, serviceId: string): Promise<void> {
  await db.deleteFrom('service_favorite').where('person_id', '=', personId).where('service_id', '=', serviceId).execute();
}

export async function isFavorite(db: Executor, personId: string, serviceId: string): Promise<boolean> {
  const row = await db.selectFrom('service_favorite').select('service_id').where('person_id', '=', personId).where('service_id', '=', serviceId).executeTakeFirst();
  return row !== undefined;
}

/** A person's favorite service ids, most recently added first. */
export async function findFavoriteServiceIds(db: Executor, personId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('service_favorite').select('service_id').where('person_id', '=', personId).orderBy('created_at', 'desc').orderBy('service_id').limit(limit).execute();
  return rows.map((row) => row.service_id);
}

/** Remembers that a person opened a service now (one row per person and service: the latest time). */
export async function upsertVisit(db: Executor, personId: string, serviceId: string): Promise<void> {
  await db
    .insertInto('service_visit')
    .values({ person_id: personId, service_id: serviceId })
    .onConflict((oc) => oc.columns(['person_id', 'service_id']).doUpdateSet({ visited_at: sql`greatest(service_visit.visited_at, excluded.visited_at)` }))
    .execute();
}

/** The services a person opened last, newest first. */
export function findRecentVisits(db: Executor, personId: string, limit: number) {
  return db.selectFrom('service_visit').select(['service_id', 'visited_at']).where('person_id', '=', personId).orderBy('visited_at', 'desc').limit(limit).execute();
}
