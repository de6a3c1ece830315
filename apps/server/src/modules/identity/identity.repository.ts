import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../platform/db.ts';

/** SQL of the identity module: people, accounts, roles, departments, sessions. */

export function findAccountByNo(db: Executor, accountNo: string) {
  return db.selectFrom('account').selectAll().where('account_no', '=', accountNo).executeTakeFirst();
}

export function findAccountById(db: Executor, accountId: string) {
  return db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirst();
}

/** A person with the names of their department and class. */
export function findPersonProfile(db: Executor, personId: string) {
  return db
    .selectFrom('person as p')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .leftJoin('class as c', 'c.id', 'p.class_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.phone', 'p.department_id', 'p.class_id', 'p.status', 'd.name as department_name', 'c.name as class_name'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

export async function findRoleCodes(db: Executor, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('person_role').select('role_code').distinct().where('person_id', '=', personId).execute();
  return rows.map((row) => row.role_code).sort();
}

/** Records a failed login; locks the account when the failures reach `maxFailures`. Returns the new state. */
export async function recordFailedLogin(db: Executor, accountId: string, maxFailures: number, lockMinutes: number) {
  return db
    .updateTable('account')
    .set((eb) => ({
      failed_logins: sql<number>`case when ${eb.ref('failed_logins')} + 1 >= ${maxFailures} then 0 else ${eb.ref('failed_logins')} + 1 end`,
      locked_until: sql<Date | null>`case when ${eb.ref('failed_logins')} + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else null end`,
    }))
    .where('id', '=', accountId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export function clearFailedLogins(db: Executor, accountId: string) {
  return db.updateTable('account').set({ failed_logins: 0, locked_until: null }).where('id', '=', accountId).execute();
}

export function updatePassword(db: Executor, accountId: string, passwordHash: string) {
  return db
    .updateTable('account')
    .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: new Date() })
    .where('id', '=', accountId)
    .execute();
}

// ── sessions ──

export function insertSession(db: Executor, row: { id: string; account_id: string; person_id: string; csrf_token: string; ip: string | null; user_agent: string | null; expires_at: Date }) {
  return db.insertInto('session').values({ ...row, last_seen_at: new Date() }).execute();
}

export function findLiveSession(db: Executor, sessionId: string) {
  return db
    .selectFrom('session')
    .selectAll()
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

export function touchSession(db: Executor, sessionId: string, at: Date) {
  return db.updateTable('session').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export function revokeSession(db: Executor, sessionId: string) {
  return db.updateTable('session').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export function revokePersonSessions(db: Executor, personId: string, exceptSessionId?: string | null) {
  let query = db.updateTable('session').set({ revoked_at: new Date() }).where('person_id', '=', personId).where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  return query.execute();
}

// ── lookups used to resolve approvers ──

export async function findPeopleWithRole(db: Executor, role: string, departmentId: string | null): Promise<string[]> {
  let query = db
    .selectFrom('person_role as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select('p.id')
    .distinct()
    .where('r.role_code', '=', role)
    .where('p.status', '=', 'active');
  if (departmentId) query = query.where('r.department_id', '=', departmentId);
  const rows = await query.orderBy('p.id').execute();
  return rows.map((row) => row.id);
}

export function findDepartment(db: Executor, departmentId: string) {
  return db.selectFrom('department').select(['id', 'name', 'parent_id', 'head_person_id']).where('id', '=', departmentId).executeTakeFirst();
}

export function findPeopleByIds(db: Executor, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person as p')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .select(['p.id', 'p.name', 'p.status', 'd.name as department_name'])
    .where('p.id', 'in', [...personIds])
    .execute();
}

export async function findIdNumber(db: Executor, personId: string): Promise<string | null> {
  const row = await db.selectFrom('person').select('id_number').where('id', '=', personId).executeTakeFirst();
  return row?.id_number ?? null;
}

export async function countPeople(db: Executor): Promise<number> {
  const row = await db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function findClassCounsellor(db: Executor, classId: string): Promise<string | null> {
  const row = await db.selectFrom('class').select('counsellor_person_id').where('id', '=', classId).executeTakeFirst();
  return row?.counsellor_person_id ?? null;
}

/**
 * Everything needed to authenticate a request, in one statement: the live
 * session, its account and the person's roles.
 */
export function findSessionCaller(db: Executor, sessionId: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select([
      's.id', 's.person_id', 's.csrf_token', 's.last_seen_at', 's.expires_at', 'a.id as account_id', 'a.account_no', 'a.status as account_status', 'a.must_change_password',
      sql<string[]>`coalesce((select array_agg(distinct r.role_code order by r.role_code) from person_role r where r.person_id = s.person_id), '{}')`.as('roles'),
    ])
    .where('s.id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .modifyEnd(PREPARED)
    .executeTakeFirst();
}
