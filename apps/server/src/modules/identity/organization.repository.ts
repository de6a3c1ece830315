import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { ClassTable, DepartmentTable } from './identity.table.ts';

/** SQL of the organisation (组织机构): departments and classes, their import and the administrators' view. */

/** Rows written or looked up `in (…)` at most this many at a time. */
const CHUNK = 1000;

export type DepartmentRecord = Awaited<ReturnType<typeof findDepartments>>[number];
export type ClassRecord = Awaited<ReturnType<typeof findClasses>>[number];

/** Every department (a university has at most a few hundred), in the console's order. */
export function findDepartments(db: Executor) {
  return db.selectFrom('department').select(['id', 'code', 'name', 'parent_id', 'phone', 'head_person_id']).orderBy('sort').orderBy('code').execute();
}

/** Every class (a few thousand at most), by code. */
export function findClasses(db: Executor) {
  return db.selectFrom('class').select(['id', 'code', 'name', 'grade', 'department_id', 'counsellor_person_id']).orderBy('code').execute();
}

/** The accounts with these numbers, with their person's name and the account's status. */
export async function findAccountsByNo(db: Executor, accountNos: readonly string[]) {
  const rows = [];
  for (let start = 0; start < accountNos.length; start += CHUNK) {
    const chunk = accountNos.slice(start, start + CHUNK);
    rows.push(...(await db.selectFrom('account as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.account_no', 'a.status', 'a.person_id', 'p.name']).where('a.account_no', 'in', chunk).execute()));
  }
  return rows;
}

/** How many people are in each class and each department (people with neither are not counted). */
export async function countPeople(db: Executor): Promise<{ byClass: Map<string, number>; byDepartment: Map<string, number> }> {
  const byClass = await db.selectFrom('person').select(['class_id', (eb) => eb.fn.countAll<string>().as('n')]).where('class_id', 'is not', null).groupBy('class_id').execute();
  const byDepartment = await db.selectFrom('person').select(['department_id', (eb) => eb.fn.countAll<string>().as('n')]).where('department_id', 'is not', null).groupBy('department_id').execute();
  return {
    byClass: new Map(byClass.map((row) => [row.class_id!, Number(row.n)])),
    byDepartment: new Map(byDepartment.map((row) => [row.department_id!, Number(row.n)])),
  };
}

export async function insertDepartments(db: Executor, rows: Insertable<DepartmentTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await db.insertInto('department').values(rows.slice(start, start + CHUNK)).execute();
}

export async function updateDepartment(db: Executor, id: string, changes: Updateable<DepartmentTable>): Promise<void> {
  await db.updateTable('department').set(changes).where('id', '=', id).execute();
}

export async function insertClasses(db: Executor, rows: Insertable<ClassTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await db.insertInto('class').values(rows.slice(start, start + CHUNK)).execute();
}

export async function updateClass(db: Executor, id: string, changes: Updateable<ClassTable>): Promise<void> {
  await db.updateTable('class').set(changes).where('id', '=', id).execute();
}
