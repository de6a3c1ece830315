import {
  casSettings, checkPasswordRule, ldapSettings, mask, oidcSettings, wecomSettings,
  type ConfigurableProviderId, type IdentityProviderId, type IdentityProviderListDto, type LdapSettings, type LoginOptionsDto, type MeDto, type PersonKind, type UpdateIdentityProviderBody,
} from '@onehall/contracts';
import { z } from 'zod';
import type { Config } from '../../platform/config.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { localBroadcast, type Broadcast } from '../../platform/broadcast.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import { createAccountAdmin } from './accounts.ts';
import { createOrganizationAdmin } from './organization.ts';
import { createRoleAdmin } from './roles.ts';
import { createCasLogin } from './cas-login.ts';
import { createOidcLogin } from './oidc-login.ts';
import { createDirectory } from './directory.ts';
import { createLookups } from './lookups.ts';
import { createLogInAs } from './external-login.ts';
import * as repo from './identity.repository.ts';
import type { AccountRow } from './identity.table.ts';
import { createSessionKeeper, type Auth } from './sessions.ts';
import { authenticateWithLdap } from './providers/ldap-authenticator.ts';
import { checkPassword, decoyPasswordHash, hashPassword, initialPassword, verifyPassword } from './password.ts';

export interface LoginInput {
  accountNo: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** The session the caller had, if any: a new login never keeps it alive. */
  previousSessionId?: string | undefined;
}

export type { Auth } from './sessions.ts';
export { sessionIdFromToken } from './sessions.ts';

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(deps: { db: Db; config: Config; audit: AuditService; broadcast?: Broadcast }) {
  const { db, config, audit } = deps;
  const broadcast = deps.broadcast ?? localBroadcast;
  const sessions = createSessionKeeper({ db, config, broadcast });
  const directory = createDirectory({ db, config });
  const lookups = createLookups({ db, cacheSeconds: config.LOOKUP_CACHE_SECONDS });

  // Identity providers' settings, as the administrator saved them (reused for LOOKUP_CACHE_SECONDS; cleared here on save).
  const providerRows = cachedLookup(config.LOOKUP_CACHE_SECONDS, () => repo.findIdentityProviders(db));
  const providerRow = async (id: IdentityProviderId) => (await providerRows()).find((row) => row.id === id);
  const logInAs = createLogInAs({ db, audit, sessions });
  const cas = createCasLogin({ db, config, audit, sessions, logInAs, providerRow });
  const oidc = createOidcLogin({ db, config, audit, logInAs, providerRow });
  const accounts = createAccountAdmin({ db, audit, sessions });
  const organization = createOrganizationAdmin({
    db,
    audit,
    onChanged: () => {
      directory.forgetOrganization();
      lookups.forgetDepartments();
    },
  });
  const roles = createRoleAdmin({ db, audit, refreshSessions: (executor, personId) => sessions.refresh(executor, personId), onChanged: () => directory.forgetRoles() });

  /** Who checks the login form's password: the directory (LDAP) when enabled, else the hall's own passwords. */
  async function passwordChecker(): Promise<{ provider: 'local'; displayName: string } | { provider: 'ldap'; displayName: string; settings: LdapSettings }> {
    const rows = await providerRows();
    const ldap = rows.find((row) => row.id === 'ldap' && row.enabled);
    if (ldap) {
      const settings = ldapSettings.safeParse(ldap.settings);
      // Saved settings were checked on save; a row edited by hand that no longer parses makes LDAP unavailable, not open.
      if (!settings.success) throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'ldap', cause: 'invalid settings' });
      return { provider: 'ldap', displayName: ldap.display_name, settings: settings.data };
    }
    return { provider: 'local', displayName: rows.find((row) => row.id === 'local')?.display_name ?? '账号密码' };
  }

  /** The identity providers and their settings, for administrators (secrets are never stored here). */
  async function listProviders(): Promise<IdentityProviderListDto> {
    const rows = await repo.findIdentityProviders(db);
    return { items: rows.map((row) => ({ id: row.id, enabled: row.enabled, displayName: row.display_name, settings: row.settings, updatedAt: row.updated_at.toISOString() })) };
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
      departmentId: person.department_id,
      className: person.class_name,
      // The owner sees their own number masked too: this response is cached in the page.
      phone: mask.phone(person.phone),
      roles: auth.roles,
      mustChangePassword: auth.mustChangePassword,
      csrfToken: auth.csrfToken,
      provider: auth.provider,
    };
  }

  return {
    describe,
    /** Logs in a person proved by another module (WeCom). */
    logInAs,
    /** When a session was opened (binding and unbinding want a login made just now). */
    sessionStartedAt: (sessionId: string) => repo.findSessionStartedAt(db, sessionId),
    /** The person's account to log in with through WeCom: the newest active one (after a number change, the new one). */
    newestActiveAccount: (personId: string) => repo.findNewestActiveAccount(db, personId),
    /** A login gone to an outside provider (WeCom): its state, bound to the browser, used once. */
    saveLoginState: (row: Parameters<typeof repo.insertLoginState>[1]) => repo.insertLoginState(db, row),
    takeLoginState: (id: string, providerId: IdentityProviderId, browserHash: string) => repo.takeLoginState(db, id, providerId, browserHash),
    /** Identity providers' saved rows (reused for LOOKUP_CACHE_SECONDS). */
    providerRow,

    /** Ends every session of a person in the caller's transaction (unbinding); `forget` after commit. */
    endSessionsOf: (executor: Executor, personId: string) => sessions.end(executor, { personId, exceptSessionId: null }),

    /** Logging in through CAS (统一身份认证 by redirect). */
    cas,
    /** Logging in through an OpenID Connect provider. */
    oidc,
    /** Administrators' work on accounts (a changed 学号 on the same person). */
    accounts,
    /** The departments and classes (组织机构), and their imports. */
    organization,
    /** Roles (角色) and who holds them. */
    roles,
    /** People and departments for a form's person and department fields. */
    lookups,

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
      /** A wrong password: counted against the account typed (if there is one) and recorded, in one transaction that commits before the refusal. */
      const wrongPassword = async (typed: AccountRow | undefined): Promise<never> => {
        if (!typed) return refused(new AppError('INVALID_CREDENTIALS'), null);
        throw await db.transaction().execute(async (tx) => {
          const state = await repo.recordFailedLogin(tx, typed.id, config.LOGIN_MAX_FAILURES, config.LOGIN_LOCK_MINUTES);
          const error = state.locked_until
            ? new AppError('ACCOUNT_LOCKED', { lockedUntil: new Date(state.locked_until).toISOString() })
            : new AppError('INVALID_CREDENTIALS', { attemptsLeft: config.LOGIN_MAX_FAILURES - state.failed_logins });
          await record(tx, error, typed.person_id);
          return error;
        });
      };

      const typed = await repo.findAccountByNo(db, input.accountNo);
      if (typed?.locked_until && typed.locked_until > new Date()) {
        return refused(new AppError('ACCOUNT_LOCKED', { lockedUntil: typed.locked_until.toISOString() }), typed.person_id);
      }
      const checker = await passwordChecker();
      let account: AccountRow;
      let external: { subject: string } | null = null;
      if (checker.provider === 'ldap') {
        // The directory checks the password; the hall's own account must exist for the number it holds.
        let found: Awaited<ReturnType<typeof authenticateWithLdap>>;
        try {
          found = await authenticateWithLdap(checker.settings, config.LDAP_BIND_PASSWORD, input.accountNo, input.password);
        } catch (error) {
          if (error instanceof AppError) await record(db, error, typed?.person_id ?? null);
          throw error;
        }
        if (!found) return wrongPassword(typed);
        const own = found.accountNo === typed?.account_no ? typed : await repo.findAccountByNo(db, found.accountNo);
        if (!own) return refused(new AppError('ACCOUNT_NOT_IN_DIRECTORY'), null);
        account = own;
        external = { subject: found.dn };
      } else {
        if (!typed || !typed.password_hash) {
          await verifyPassword(await decoyPasswordHash(), input.password);
          return refused(new AppError('INVALID_CREDENTIALS'), null);
        }
        if (!(await checkPassword(typed.password_hash, input.password, () => repo.findIdNumber(db, typed.person_id)))) return wrongPassword(typed);
        account = typed;
      }
      if (account.status !== 'active') return refused(new AppError('ACCOUNT_DISABLED'), account.person_id);
      const roles = await repo.findRoleCodes(db, account.person_id);
      // One transaction: the failure count resets, the caller's previous session ends, the new one begins, and it is recorded.
      const { token, sessionId, csrfToken, previous } = await db.transaction().execute(async (tx) => {
        if (account.failed_logins > 0 || account.locked_until) await repo.clearFailedLogins(tx, account.id);
        const previous = input.previousSessionId ? await sessions.end(tx, { sessionId: input.previousSessionId }) : undefined;
        const opened = await sessions.open(tx, account, origin, checker.provider);
        if (external) await repo.touchExternalIdentity(tx, checker.provider, external.subject, account.person_id);
        await audit.record(tx, { action: 'login', outcome: 'ok', actorPersonId: account.person_id, actorLabel: account.account_no, origin, detail: { provider: checker.provider } });
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
          // The initial password matters only when the hall's own password was used.
          mustChangePassword: checker.provider === 'local' && account.must_change_password,
          csrfToken,
          provider: checker.provider,
        },
      };
    },

    authenticate: sessions.authenticate,
    isCsrfTokenValid: sessions.isCsrfTokenValid,

    /** What the login page offers. */
    async loginOptions(): Promise<LoginOptionsDto> {
      const checker = await passwordChecker().catch(() => ({ provider: 'ldap' as const, displayName: '统一身份认证' }));
      const redirects = [await cas.option(), await oidc.option()].filter((option) => option !== null);
      const wecom = await providerRow('wecom');
      const wecomReady = Boolean(wecom?.enabled && config.PUBLIC_URL && config.WECOM_SECRET);
      return { password: { provider: checker.provider, displayName: checker.displayName }, redirects, wecomLoginUrl: wecomReady ? '/api/auth/wecom/login' : null };
    },

    listProviders,

    /**
     * Saves a provider's settings, checked against its kind's schema, and
     * records the change. Takes effect in this process at once and in others
     * within LOOKUP_CACHE_SECONDS.
     */
    async saveProvider(auth: Auth, id: ConfigurableProviderId, body: UpdateIdentityProviderBody, origin: RequestOrigin): Promise<IdentityProviderListDto> {
      if ((id === 'cas' || id === 'oidc' || id === 'wecom') && body.enabled && !config.PUBLIC_URL) {
        throw new AppError('VALIDATION_FAILED', {}, '启用跳转登录（CAS、OpenID Connect、企业微信）前，请先在服务器配置中设置 PUBLIC_URL（办事大厅的访问地址）');
      }
      const schemas = { local: z.object({}), ldap: ldapSettings, cas: casSettings, oidc: oidcSettings, wecom: wecomSettings } satisfies Record<ConfigurableProviderId, z.ZodType>;
      const parsed = (schemas[id] as z.ZodType<Record<string, unknown>>).safeParse(body.settings);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => ({ key: issue.path.join('.'), code: issue.code, message: issue.message }));
        throw new AppError('VALIDATION_FAILED', { fields }, `设置有误：${fields.map((f) => `${f.key} ${f.message}`).join('；')}`);
      }
      await db.transaction().execute(async (tx) => {
        await repo.saveIdentityProvider(tx, { id, enabled: id === 'local' ? true : body.enabled, display_name: body.displayName, settings: JSON.stringify(parsed.data), updated_by: auth.personId });
        await audit.record(tx, { action: 'settingChanged', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, target: `identity_provider:${id}`, origin, detail: { enabled: body.enabled } });
      });
      providerRows.clear();
      return listProviders();
    },

    /** Ends this session; with `cas`, answers the CAS logout URL when the session came from CAS (the browser goes there next). */
    async logout(auth: Auth, origin: RequestOrigin, options: { cas?: boolean } = {}): Promise<string | null> {
      const { ended, providerId } = await db.transaction().execute(async (tx) => {
        const providerId = await repo.findSessionProvider(tx, auth.sessionId);
        await audit.record(tx, { action: 'logout', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin, detail: { provider: providerId } });
        return { ended: await sessions.end(tx, { sessionId: auth.sessionId }), providerId };
      });
      ended.forget();
      return options.cas && providerId === 'cas' ? cas.logoutUrl() : null;
    },

    /** 退出所有设备: every session of the person ends, this one included, on every server process. */
    async logoutEverywhere(auth: Auth, origin: RequestOrigin): Promise<void> {
      const ended = await db.transaction().execute(async (tx) => {
        await audit.record(tx, { action: 'logoutEverywhere', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin });
        return sessions.end(tx, { personId: auth.personId, exceptSessionId: null });
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
      if (!(await checkPassword(account.password_hash, oldPassword, () => repo.findIdNumber(db, auth.personId)))) {
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
        return sessions.end(tx, { personId: auth.personId, exceptSessionId: auth.sessionId });
      });
      // This session stays, but its cached copy still says the password must change.
      ended.forget();
      return { ...auth, mustChangePassword: false };
    },

    ...directory,
  };
}
