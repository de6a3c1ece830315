import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export function findActiveBanners(db: Executor) {
  return db.selectFrom('banner').select(['id', 'title', 'image_url', 'link']).where('is_active', '=', true).orderBy('sort').orderBy('id').execute();
}

/** Published services with their category and department, optionally filtered by a name fragment. */
export function findPublishedServices(db: Executor, nameContains?: string) {
  let query = db
    .selectFrom('service as s')
    .innerJoin('category as c', 'c.id', 's.category_id')
    .innerJoin('department as d', 'd.id', 's.department_id')
    .select(['s.id', 's.code', 's.name', 's.icon', 's.summary', 'd.name as department_name', 'c.id as category_id', 'c.name as category_name'])
    .where('s.status', '=', 'published');
  if (nameContains) {
    // Escape LIKE wildcards: a search for "100%" means the characters, not a pattern.
    const escaped = nameContains.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    query = query.where('s.name', 'ilike', `%${escaped}%`);
  }
  return query.orderBy('c.sort').orderBy('c.name').orderBy('s.sort').orderBy('s.name').execute();
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
