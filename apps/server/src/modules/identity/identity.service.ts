import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { checkPasswordRule, mask, type MeDto, type PersonKind } from '@onehall/contracts';
import type { Config } from '../../platform/config.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { localBroadcast, type Broadcast } from '../../platform/broadcast.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';
import { decoyPasswordHash, hashPassword, initialPassword, verifyPassword } from './password.ts';

/** Who is calling: the live session behind the request's cookie. */
export interface Auth {
  sessionId: string;
  accountId: string;
  accountNo: string;
  personId: string;
  roles: string[];
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface LoginInput {
  accountNo: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** The session the caller had, if any: a new login never keeps it alive. */
  previousSessionId?: string | undefined;
}

/** Sessions are looked up by the hash of the cookie value, so a leaked table cannot be replayed. */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export type IdentityService = ReturnType<typeof createIdentityService>;

type SessionCaller = NonNullable<Awaited<ReturnType<typeof repo.findSessionCaller>>>;

/** The channel on which server processes tell each other that sessions ended. */
const SESSIONS_CHANNEL = 'hall_sessions_ended';

export function createIdentityService(deps: { db: Db; config: Config; audit: AuditService; broadcast?: Broadcast }) {
  const { db, config, audit } = deps;
  const broadcast = deps.broadcast ?? localBroadcast;
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;

  // Live sessions as last read, so most requests need no round trip to authenticate. A session that
  // ends is dropped here at once and, through the broadcast, in every other server process when the
  // change commits; anything else about a caller (roles, a disabled account) shows within SESSION_CACHE_SECONDS.
  const sessions = config.SESSION_CACHE_SECONDS > 0 ? new LRUCache<string, SessionCaller>({ max: 100_000, ttl: config.SESSION_CACHE_SECONDS * 1000 }) : undefined;
  /** A message naming ended sessions: one session id, or every session of a person. */
  const endedMessage = (ended: { sessionId: string } | { personId: string }) => ('sessionId' in ended ? ended.sessionId : `person:${ended.personId}`);
  function forgetSessions(message: string): void {
    if (!sessions) return;
    if (!message.startsWith('person:')) return void sessions.delete(message);
    const personId = message.slice('person:'.length);
    for (const [id, caller] of sessions.entries()) if (caller.person_id === personId) sessions.delete(id);
  }
  broadcast.on(SESSIONS_CHANNEL, forgetSessions);
  broadcast.onGap(() => sessions?.clear());
  /** Ends sessions in the caller's transaction and tells every process; `forget` drops them here after commit. */
  async function endSessions(executor: Executor, ended: { sessionId: string } | { personId: string; exceptSessionId: string | null }) {
    if ('sessionId' in ended) await repo.revokeSession(executor, ended.sessionId);
    else await repo.revokePersonSessions(executor, ended.personId, ended.exceptSessionId);
    const message = endedMessage(ended);
    await broadcast.send(executor, SESSIONS_CHANNEL, message);
    return { forget: () => forgetSessions(message) };
  }
  // The directory as approver rules read it: reused for LOOKUP_CACHE_SECONDS (a new head or role holder shows within that time).
  const cached = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => cachedLookup(config.LOOKUP_CACHE_SECONDS, read);
  const findDepartment = cached((id: string) => repo.findDepartment(db, id));
  const directory = {
    peopleWithRole: cached((role: string, departmentId: string | null) => repo.findPeopleWithRole(db, role, departmentId)),
    personProfile: cached((personId: string) => repo.findPersonProfile(db, personId)),
    counsellor: cached((classId: string) => repo.findClassCounsellor(db, classId)),
    roleCodes: cached((personId: string) => repo.findRoleCodes(db, personId)),
  };

  /** Opens a session; returns the cookie value (never stored) and the session's id and CSRF token. */
  async function openSession(executor: Executor, account: { id: string; person_id: string }, input: Pick<LoginInput, 'ip' | 'userAgent'>) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const sessionId = sessionIdFromToken(token);
    await repo.insertSession(executor, {
      id: sessionId,
      account_id: account.id,
      person_id: account.person_id,
      csrf_token: csrfToken,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + config.SESSION_ABSOLUTE_HOURS * 3_600_000),
    });
    return { token, sessionId, csrfToken };
  }

  async function describe(auth: Auth): Promise<MeDto> {
    const person = await repo.findPersonProfile(db, auth.personId);
    if (!person) throw new AppError('NOT_AUTHENTICATED');
    return {
      personId: person.id,
      accountNo: auth.accountNo,
      name: person.name,
      kind: person.kind as PersonKind,
      departmentName: person.department_name,
      className: person.class_name,
      // The owner sees their own number masked too: this response is cached in the page.
      phone: mask.phone(person.phone),
      roles: auth.roles,
      mustChangePassword: auth.mustChangePassword,
      csrfToken: auth.csrfToken,
    };
  }

  return {
    describe,

    /**
     * Local-directory login. A locked account is refused before the password is
     * checked; wrong passwords count towards the lock; a success opens a new
     * session (a fresh id at every login, never reusing the caller's old one).
     */
    async login(input: LoginInput): Promise<{ token: string; auth: Auth }> {
      const origin = { ip: input.ip, userAgent: input.userAgent };
      const record = (executor: Executor, error: AppError, personId: string | null) =>
        audit.record(executor, { action: 'loginFailed', outcome: error.code, actorPersonId: personId, actorLabel: input.accountNo, origin });
      const refused = async (error: AppError, personId: string | null): Promise<never> => {
        await record(db, error, personId);
        throw error;
      };
      const account = await repo.findAccountByNo(db, input.accountNo);
      if (!account || !account.password_hash) {
        await verifyPassword(await decoyPasswordHash(), input.password);
        return refused(new AppError('INVALID_CREDENTIALS'), null);
      }
      if (account.locked_until && account.locked_until > new Date()) {
        return refused(new AppError('ACCOUNT_LOCKED', { lockedUntil: account.locked_until.toISOString() }), account.person_id);
      }
      if (!(await verifyPassword(account.password_hash, input.password))) {
        // The failure counts and is recorded in one transaction, which commits before the refusal is thrown.
        throw await db.transaction().execute(async (tx) => {
          const state = await repo.recordFailedLogin(tx, account.id, config.LOGIN_MAX_FAILURES, config.LOGIN_LOCK_MINUTES);
          const error = state.locked_until
            ? new AppError('ACCOUNT_LOCKED', { lockedUntil: new Date(state.locked_until).toISOString() })
            : new AppError('INVALID_CREDENTIALS', { attemptsLeft: config.LOGIN_MAX_FAILURES - state.failed_logins });
          await record(tx, error, account.person_id);
          return error;
        });
      }
      if (account.status !== 'active') return refused(new AppError('ACCOUNT_DISABLED'), account.person_id);
      const roles = await repo.findRoleCodes(db, account.person_id);
      // One transaction: the failure count resets, the caller's previous session ends, the new one begins, and it is recorded.
      const { token, sessionId, csrfToken, previous } = await db.transaction().execute(async (tx) => {
        if (account.failed_logins > 0 || account.locked_until) await repo.clearFailedLogins(tx, account.id);
        const previous = input.previousSessionId ? await endSessions(tx, { sessionId: input.previousSessionId }) : undefined;
        const opened = await openSession(tx, account, input);
        await audit.record(tx, { action: 'login', outcome: 'ok', actorPersonId: account.person_id, actorLabel: account.account_no, origin });
        return { ...opened, previous };
      });
      previous?.forget();
      return {
        token,
        auth: {
          sessionId,
          accountId: account.id,
          accountNo: account.account_no,
          personId: account.person_id,
          roles,
          mustChangePassword: account.must_change_password,
          csrfToken,
        },
      };
    },

    /** Resolves a session cookie to its caller, enforcing the idle and absolute timeouts. */
    async authenticate(token: string): Promise<Auth | null> {
      const sessionId = sessionIdFromToken(token);
      // At most one round trip: session, account and roles together.
      let caller = sessions?.get(sessionId);
      if (!caller) {
        caller = await repo.findSessionCaller(db, sessionId);
        if (!caller) return null;
        sessions?.set(sessionId, caller);
      }
      const now = new Date();
      if (caller.expires_at <= now) {
        sessions?.delete(sessionId);
        return null;
      }
      if (now.getTime() - caller.last_seen_at.getTime() > idleMs) {
        (await endSessions(db, { sessionId })).forget();
        return null;
      }
      if (caller.account_status !== 'active') return null;
      // Touch at most once a minute: one write per request would double the load of reads.
      if (now.getTime() - caller.last_seen_at.getTime() > 60_000) {
        await repo.touchSession(db, sessionId, now);
        caller.last_seen_at = now;
      }
      return {
        sessionId,
        accountId: caller.account_id,
        accountNo: caller.account_no,
        personId: caller.person_id,
        roles: caller.roles,
        mustChangePassword: caller.must_change_password,
        csrfToken: caller.csrf_token,
      };
    },

    isCsrfTokenValid(auth: Auth, presented: string | undefined): boolean {
      return typeof presented === 'string' && safeEqual(auth.csrfToken, presented);
    },

    async logout(auth: Auth, origin: RequestOrigin): Promise<void> {
      const ended = await db.transaction().execute(async (tx) => {
        await audit.record(tx, { action: 'logout', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin });
        return endSessions(tx, { sessionId: auth.sessionId });
      });
      ended.forget();
    },

    /** 退出所有设备: every session of the person ends, this one included, on every server process. */
    async logoutEverywhere(auth: Auth, origin: RequestOrigin): Promise<void> {
      const ended = await db.transaction().execute(async (tx) => {
        await audit.record(tx, { action: 'logoutEverywhere', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin });
        return endSessions(tx, { personId: auth.personId, exceptSessionId: null });
      });
      ended.forget();
    },

    /**
     * Changes the caller's password. The old password is checked again; the new
     * one must meet the rule and differ from both the old and the initial one.
     * Other sessions of the person end; this one continues.
     */
    async changePassword(auth: Auth, oldPassword: string, newPassword: string, origin: RequestOrigin): Promise<Auth> {
      const account = await repo.findAccountById(db, auth.accountId);
      if (!account?.password_hash) throw new AppError('NOT_AUTHENTICATED');
      if (!(await verifyPassword(account.password_hash, oldPassword))) {
        // A wrong old password is worth recording: someone may be trying an open session.
        await audit.record(db, { action: 'passwordChanged', outcome: 'WRONG_PASSWORD', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin });
        throw new AppError('WRONG_PASSWORD');
      }
      if (oldPassword === newPassword) throw new AppError('PASSWORD_UNCHANGED');
      const problems = checkPasswordRule(newPassword);
      const idNumber = await repo.findIdNumber(db, auth.personId);
      if (idNumber && initialPassword(idNumber) === newPassword) problems.push('不能与初始密码相同');
      if (problems.length > 0) throw new AppError('PASSWORD_TOO_WEAK', { problems });
      const passwordHash = await hashPassword(newPassword);
      const ended = await db.transaction().execute(async (tx) => {
        await repo.updatePassword(tx, account.id, passwordHash);
        await audit.record(tx, { action: 'passwordChanged', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin });
        return endSessions(tx, { personId: auth.personId, exceptSessionId: auth.sessionId });
      });
      // This session stays, but its cached copy still says the password must change.
      ended.forget();
      return { ...auth, mustChangePassword: false };
    },

    /** Active people holding a role, optionally only in one department. */
    findPeopleWithRole(role: string, departmentId: string | null): Promise<string[]> {
      return directory.peopleWithRole(role, departmentId);
    },

    /**
     * The head of a department `levels` steps up: 1 is the department itself,
     * 2 its parent, and so on. Null when there is no such department or head.
     */
    async findDepartmentHead(departmentId: string, levels: number): Promise<string | null> {
      let department = await findDepartment(departmentId);
      for (let level = 1; level < levels && department?.parent_id; level++) {
        department = await findDepartment(department.parent_id);
      }
      return department?.head_person_id ?? null;
    },

    findPersonProfile(personId: string) {
      return directory.personProfile(personId);
    },

    /** Heads from the department itself (level 1) up to `levels`, nearest first, without repeats. */
    async findDepartmentHeadChain(departmentId: string, levels: number): Promise<string[]> {
      const heads: string[] = [];
      let department = await findDepartment(departmentId);
      for (let level = 1; level <= levels && department; level++) {
        if (department.head_person_id && !heads.includes(department.head_person_id)) heads.push(department.head_person_id);
        department = department.parent_id ? await findDepartment(department.parent_id) : undefined;
      }
      return heads;
    },

    /** The counsellor of a class, if it has one. */
    findCounsellor(classId: string): Promise<string | null> {
      return directory.counsellor(classId);
    },

    /** The roles a person holds (codes), for conditions on the applicant. */
    findRoleCodes(personId: string): Promise<string[]> {
      return directory.roleCodes(personId);
    },

    /** Names and departments of people, for lists and timelines. */
    async findPeopleNames(personIds: readonly string[], executor: Executor = db): Promise<Map<string, { name: string; departmentName: string | null; active: boolean }>> {
      const rows = await repo.findPeopleByIds(executor, [...new Set(personIds)]);
      return new Map(rows.map((row) => [row.id, { name: row.name, departmentName: row.department_name, active: row.status === 'active' }]));
    },

    /** Counts for the admin dashboard. */
    countPeople(): Promise<number> {
      return repo.countPeople(db);
    },
  };
}
