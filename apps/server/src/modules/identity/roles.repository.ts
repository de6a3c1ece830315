import type { Executor } from '../../platform/db.ts';

/** SQL of roles (角色) and who holds them. */

/** Every role, 系统管理员 first, then by name. */
export function findRoles(db: Executor) {
  return db
    .selectFrom('role')
    .select(['code', 'name'])
    .orderBy((ob) => ob.case().when('code', '=', 'admin').then(0).else(1).end())
    .orderBy('name')
    .execute();
}

export function findRole(db: Executor, code: string) {
  return db.selectFrom('role').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function insertRole(db: Executor, role: { code: string; name: string }): Promise<boolean> {
  const rows = await db.insertInto('role').values(role).onConflict((oc) => oc.column('code').doNothing()).returning('code').execute();
  return rows.length === 1;
}

/** Who holds which role, for which department (null: the whole school), by name. */
export function findHolders(db: Executor) {
  return db
    .selectFrom('person_role as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('department as d', 'd.id', 'r.department_id')
    .select(['r.role_code', 'r.person_id', 'p.name', 'd.code as department_code', 'd.name as department_name'])
    .orderBy('p.name')
    .orderBy('d.code')
    .execute();
}

/** Gives the role; false when the person held it for that department already. */
export async function insertHolder(db: Executor, holder: { personId: string; roleCode: string; departmentId: string | null }): Promise<boolean> {
  // person_role_unique treats a null department as a value (nulls not distinct), so a school-wide role is held once too.
  const rows = await db
    .insertInto('person_role')
    .values({ person_id: holder.personId, role_code: holder.roleCode, department_id: holder.departmentId })
    .onConflict((oc) => oc.columns(['person_id', 'role_code', 'department_id']).doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Takes the role away; false when the person did not hold it for that department. */
export async function deleteHolder(db: Executor, holder: { personId: string; roleCode: string; departmentId: string | null }): Promise<boolean> {
  let query = db.deleteFrom('person_role').where('person_id', '=', holder.personId).where('role_code', '=', holder.roleCode);
  query = holder.departmentId === null ? query.where('department_id', 'is', null) : query.where('department_id', '=', holder.departmentId);
  const rows = await query.returning('id').execute();
  return rows.length > 0;
}

export function findDepartmentByCode(db: Executor, code: string) {
  return db.selectFrom('department').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}
