import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../platform/db.ts';
import type { IdentityProviderId } from '@onehall/contracts';

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

export function insertSession(db: Executor, row: { id: string; account_id: string; person_id: string; csrf_token: string; ip: string | null; user_agent: string | null; expires_at: Date; provider_id: IdentityProviderId; cas_ticket_hash: string | null }) {
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

export function revokeAccountSessions(db: Executor, accountId: string) {
  return db.updateTable('session').set({ revoked_at: new Date() }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
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
      's.id', 's.person_id', 's.csrf_token', 's.provider_id', 's.last_seen_at', 's.expires_at', 'a.id as account_id', 'a.account_no', 'a.status as account_status',
      // The initial password matters only to sessions opened with the hall's own password.
      sql<boolean>`a.must_change_password and s.provider_id = 'local'`.as('must_change_password'),
      sql<string[]>`coalesce((select array_agg(distinct r.role_code order by r.role_code) from person_role r where r.person_id = s.person_id), '{}')`.as('roles'),
    ])
    .where('s.id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .modifyEnd(PREPARED)
    .executeTakeFirst();
}

// ── identity providers ──

export function findIdentityProviders(db: Executor) {
  return db.selectFrom('identity_provider').selectAll().orderBy('id').execute();
}

export function findIdentityProvider(db: Executor, id: IdentityProviderId) {
  return db.selectFrom('identity_provider').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes a provider's settings; creates its row the first time. */
export async function saveIdentityProvider(db: Executor, row: { id: IdentityProviderId; enabled: boolean; display_name: string; settings: string; updated_by: string }) {
  await db
    .insertInto('identity_provider')
    .values({ ...row, updated_at: new Date() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ enabled: row.enabled, display_name: row.display_name, settings: row.settings, updated_by: row.updated_by, updated_at: new Date() }))
    .execute();
}

/** Records that a person logged in through a provider as `subject`; the first time links them. */
export async function touchExternalIdentity(db: Executor, providerId: IdentityProviderId, subject: string, personId: string) {
  await db
    .insertInto('external_identity')
    .values({ provider_id: providerId, subject, person_id: personId, last_login_at: new Date() })
    .onConflict((oc) => oc.columns(['provider_id', 'subject']).doUpdateSet({ last_login_at: new Date() }))
    .execute();
}

export function findExternalIdentity(db: Executor, providerId: IdentityProviderId, subject: string) {
  return db.selectFrom('external_identity').selectAll().where('provider_id', '=', providerId).where('subject', '=', subject).executeTakeFirst();
}

/** Live sessions opened with a CAS service ticket (by its hash), for single logout. */
export function findSessionsByCasTicket(db: Executor, ticketHash: string) {
  return db.selectFrom('session').select(['id', 'person_id']).where('cas_ticket_hash', '=', ticketHash).where('revoked_at', 'is', null).execute();
}

// ── logins gone to an outside provider ──

export async function insertLoginState(db: Executor, row: { id: string; provider_id: IdentityProviderId; browser_hash: string; code_verifier: string | null; nonce: string | null; next: string; expires_at: Date }) {
  await db.insertInto('login_state').values(row).execute();
}

/** Takes a login state once: only unused, unexpired, for this provider and this browser. */
export function takeLoginState(db: Executor, id: string, providerId: IdentityProviderId, browserHash: string) {
  return db
    .updateTable('login_state')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .where('provider_id', '=', providerId)
    .where('browser_hash', '=', browserHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['code_verifier', 'nonce', 'next'])
    .executeTakeFirst();
}

export function findAccountsOfPerson(db: Executor, personId: string) {
  return db.selectFrom('account').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

export async function findSessionProvider(db: Executor, sessionId: string): Promise<IdentityProviderId | null> {
  const row = await db.selectFrom('session').select('provider_id').where('id', '=', sessionId).executeTakeFirst();
  return row?.provider_id ?? null;
}

/** When the session was opened: binding and unbinding want a login made just now. */
export async function findSessionStartedAt(db: Executor, sessionId: string): Promise<Date | null> {
  const row = await db.selectFrom('session').select('created_at').where('id', '=', sessionId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** A person's active account to log in with when they come through WeCom: the newest (after a number change, the new one). */
export function findNewestActiveAccount(db: Executor, personId: string) {
  return db.selectFrom('account').selectAll().where('person_id', '=', personId).where('status', '=', 'active').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}
