import { createHash } from 'node:crypto';
import { casSettings, safeNextPath, type CasSettings } from '@onehall/contracts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';
import type { IdentityProviderRow } from './identity.table.ts';
import { casLoginUrl, readLogoutRequest, validateServiceTicket } from './providers/cas-client.ts';
import type { LogInAs } from './external-login.ts';
import type { Auth, SessionKeeper } from './sessions.ts';

/** The callback path CAS sends the browser back to (and posts single-logout requests to). */
export const CAS_CALLBACK_PATH = '/api/auth/cas/callback';

const ticketHash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export interface CasCallbackQuery {
  ticket?: string | undefined;
  next?: string | undefined;
  renew?: string | undefined;
}

/**
 * Logging in through CAS: send the browser to the CAS server with a service
 * URL built from PUBLIC_URL, validate the ticket it comes back with, map the
 * CAS user (or a released attribute) to the hall's account, and open a
 * session that remembers the ticket's hash for single logout. Tickets are
 * never stored or logged in clear.
 */
export function createCasLogin(deps: { db: Db; config: Config; audit: AuditService; sessions: SessionKeeper; logInAs: LogInAs; providerRow: (id: 'cas') => Promise<IdentityProviderRow | undefined> }) {
  const { db, config, audit, sessions, logInAs } = deps;

  async function enabledSettings(): Promise<{ settings: CasSettings; displayName: string } | null> {
    const row = await deps.providerRow('cas');
    if (!row?.enabled) return null;
    const parsed = casSettings.safeParse(row.settings);
    if (!parsed.success || !config.PUBLIC_URL) throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'cas', cause: !config.PUBLIC_URL ? 'PUBLIC_URL is not set' : 'invalid settings' });
    return { settings: parsed.data, displayName: row.display_name };
  }

  /** The service URL: the same string at login and at validation, from configuration only. */
  function serviceUrl(next: string, renew: boolean): string {
    const url = new URL(CAS_CALLBACK_PATH, config.PUBLIC_URL);
    if (next !== '/') url.searchParams.set('next', next);
    if (renew) url.searchParams.set('renew', '1');
    return url.toString();
  }

  return {
    /** For the login page: a CAS button when CAS is enabled. */
    async option(): Promise<{ provider: 'cas'; displayName: string; loginUrl: string } | null> {
      const cas = await enabledSettings().catch(() => null);
      return cas ? { provider: 'cas', displayName: cas.displayName, loginUrl: '/api/auth/cas/login' } : null;
    },

    /** Where to send the browser: the CAS login page (renew: a fresh login; gateway: only if already logged in at CAS). */
    async loginUrl(nextPath: string | undefined, options: { renew: boolean; gateway: boolean }): Promise<string> {
      const cas = await enabledSettings();
      if (!cas) throw new AppError('NOT_FOUND');
      const next = safeNextPath(nextPath) ?? '/';
      return casLoginUrl(cas.settings, serviceUrl(next, options.renew), options);
    },

    /**
     * The browser is back from CAS. With a ticket: validate it and open a
     * session. Without one (a gateway check found no CAS login): nothing.
     * Answers the path to send the browser to, cleaned of the ticket.
     */
    async complete(query: CasCallbackQuery, origin: RequestOrigin): Promise<{ next: string; login: { token: string; auth: Auth } | null }> {
      const next = safeNextPath(query.next) ?? '/';
      if (!query.ticket) return { next, login: null };
      const cas = await enabledSettings();
      if (!cas) throw new AppError('NOT_FOUND');
      const renew = query.renew === '1';
      const refused = async (error: AppError, label: string | null, personId: string | null = null): Promise<never> => {
        await audit.record(db, { action: 'loginFailed', outcome: error.code, actorPersonId: personId, actorLabel: label, origin, detail: { provider: 'cas' } });
        throw error;
      };
      const validation = await validateServiceTicket(cas.settings, serviceUrl(next, renew), query.ticket, { renew });
      if (!validation.ok) return refused(new AppError('CAS_TICKET_INVALID', { casCode: validation.code }), null);
      const { user, attributes } = validation.principal;
      const accountNo = cas.settings.accountNoAttribute ? attributes[cas.settings.accountNoAttribute]?.[0] : user;
      const account = accountNo ? await repo.findAccountByNo(db, accountNo) : undefined;
      if (!account) return refused(new AppError('ACCOUNT_NOT_IN_DIRECTORY'), user);
      if (account.status !== 'active') return refused(new AppError('ACCOUNT_DISABLED'), user, account.person_id);
      return { next, login: await logInAs(account, 'cas', origin, { subject: user, casTicketHash: ticketHash(query.ticket!) }) };
    },

    /** The CAS logout page, sending the browser back to the hall's login page afterwards (null when CAS is off). */
    async logoutUrl(): Promise<string | null> {
      const provider = await enabledSettings().catch(() => null);
      if (!provider) return null;
      const url = new URL(`${provider.settings.baseUrl.replace(/\/+$/, '')}/logout`);
      url.searchParams.set('service', new URL('/login', config.PUBLIC_URL).toString());
      return url.toString();
    },

    /** CAS single logout: the server posts a SAML LogoutRequest naming the service ticket; the session it opened ends everywhere. */
    async singleLogout(logoutRequest: string | undefined): Promise<number> {
      const ticket = logoutRequest ? readLogoutRequest(logoutRequest) : null;
      if (!ticket) return 0;
      const found = await repo.findSessionsByCasTicket(db, ticketHash(ticket));
      for (const session of found) {
        const ended = await db.transaction().execute(async (tx) => {
          await audit.record(tx, { action: 'logout', outcome: 'ok', actorPersonId: session.person_id, actorLabel: null, origin: { ip: null, userAgent: null }, detail: { provider: 'cas', singleLogout: true } });
          return sessions.end(tx, { sessionId: session.id });
        });
        ended.forget();
      }
      return found.length;
    },
  };
}
