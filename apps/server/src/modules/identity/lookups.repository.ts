import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** SQL of the lookups a form's person and department fields make (lookups.ts). */

/** Escapes LIKE's wildcards so a typed % or _ means itself. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Active people matching a search, best first (the exact name, then names
 * starting with it, then by name). `name` is matched inside the name, `pinyin`
 * inside a reading of it, `initials` at the start of a reading, `accountNo` at
 * the start of one of the person's account numbers; a null criterion is not used.
 */
export function searchPeople(db: Executor, criteria: { name: string; pinyin: string | null; initials: string | null; accountNo: string | null; limit: number }) {
  const { name, pinyin, initials, accountNo } = criteria;
  return db
    .selectFrom('person as p')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .select([
      'p.id',
      'p.name',
      'd.name as department_name',
      (eb) => eb.selectFrom('account as a').select('a.account_no').whereRef('a.person_id', '=', 'p.id').where('a.status', '=', 'active').orderBy('a.created_at', 'desc').limit(1).as('account_no'),
    ])
    .where('p.status', '=', 'active')
    .where((eb) => {
      const any = [eb('p.name', 'like', `%${escapeLike(name)}%`)];
      if (pinyin) any.push(eb('p.name_pinyin', 'like', `%${escapeLike(pinyin)}%`));
      if (initials) any.push(eb(sql<string>`' ' || p.name_initials`, 'like', `% ${escapeLike(initials)}%`));
      if (accountNo) any.push(eb.exists(eb.selectFrom('account as a').select('a.id').whereRef('a.person_id', '=', 'p.id').where('a.account_no', 'like', `${escapeLike(accountNo)}%`)));
      return eb.or(any);
    })
    .orderBy(sql`case when p.name = ${name} then 0 when p.name like ${`${escapeLike(name)}%`} then 1 else 2 end`)
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(criteria.limit)
    .execute();
}

/** Active people by id, with their newest active account number. */
export function findPeopleOptions(db: Executor, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person as p')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .select([
      'p.id',
      'p.name',
      'd.name as department_name',
      (eb) => eb.selectFrom('account as a').select('a.account_no').whereRef('a.person_id', '=', 'p.id').where('a.status', '=', 'active').orderBy('a.created_at', 'desc').limit(1).as('account_no'),
    ])
    .where('p.status', '=', 'active')
    .where('p.id', 'in', [...personIds])
    .execute();
}

/** Every department, in the administrators' order. */
export function findDepartments(db: Executor) {
  return db.selectFrom('department').select(['id', 'name', 'parent_id']).orderBy('sort').orderBy('name').orderBy('id').execute();
}

export function findDepartmentsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('department').select(['id', 'name']).where('id', 'in', [...ids]).execute();
}
