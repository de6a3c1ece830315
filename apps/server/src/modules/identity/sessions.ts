import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { IdentityProviderId } from '@onehall/contracts';
import type { Broadcast } from '../../platform/broadcast.ts';
import type { Config } from '../../platform/config.ts';
import type { Db, Executor } from '../../platform/db.ts';
import type { RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';

/** Who is calling: the live session behind the request's cookie. */
export interface Auth {
  sessionId: string;
  accountId: string;
  accountNo: string;
  personId: string;
  roles: string[];
  mustChangePassword: boolean;
  csrfToken: string;
  /** Who proved the person when the session was opened. */
  provider: IdentityProviderId;
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

type SessionCaller = NonNullable<Awaited<ReturnType<typeof repo.findSessionCaller>>>;

/** Which sessions end: one, every session of a person (but one, or none), or every session of one of their accounts. */
export type EndedSessions = { sessionId: string } | { personId: string; exceptSessionId: string | null } | { personId: string; accountId: string };

/** The channel on which server processes tell each other that sessions ended. */
const SESSIONS_CHANNEL = 'hall_sessions_ended';

export type SessionKeeper = ReturnType<typeof createSessionKeeper>;

/**
 * Sessions: opened at login, found by the cookie on every request, ended by
 * logout, password changes and (later) unbinding. Live sessions are kept in
 * memory as last read, so most requests need no round trip; a session that
 * ends is dropped here at once and, through the broadcast, in every other
 * server process when the change commits. Anything else about a caller
 * (roles, a disabled account) shows within SESSION_CACHE_SECONDS.
 */
export function createSessionKeeper(deps: { db: Db; config: Config; broadcast: Broadcast }) {
  const { db, config, broadcast } = deps;
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const cache = config.SESSION_CACHE_SECONDS > 0 ? new LRUCache<string, SessionCaller>({ max: 100_000, ttl: config.SESSION_CACHE_SECONDS * 1000 }) : undefined;

  /** A message naming ended sessions: one session id, or every session of a person. */
  const messageFor = (ended: EndedSessions) => ('sessionId' in ended ? ended.sessionId : `person:${ended.personId}`);
  function forget(message: string): void {
    if (!cache) return;
    if (!message.startsWith('person:')) return void cache.delete(message);
    const personId = message.slice('person:'.length);
    for (const [id, caller] of cache.entries()) if (caller.person_id === personId) cache.delete(id);
  }
  broadcast.on(SESSIONS_CHANNEL, forget);
  broadcast.onGap(() => cache?.clear());

  return {
    /** Opens a session; returns the cookie value (never stored) and the session's id and CSRF token. */
    async open(executor: Executor, account: { id: string; person_id: string }, origin: RequestOrigin, providerId: IdentityProviderId, extra: { casTicketHash?: string } = {}) {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const sessionId = sessionIdFromToken(token);
      await repo.insertSession(executor, {
        id: sessionId,
        account_id: account.id,
        person_id: account.person_id,
        csrf_token: csrfToken,
        ip: origin.ip,
        user_agent: origin.userAgent?.slice(0, 300) ?? null,
        expires_at: new Date(Date.now() + config.SESSION_ABSOLUTE_HOURS * 3_600_000),
        provider_id: providerId,
        cas_ticket_hash: extra.casTicketHash ?? null,
      });
      return { token, sessionId, csrfToken };
    },

    /** Ends sessions in the caller's transaction and tells every process; call `forget` after commit to drop them here at once. */
    async end(executor: Executor, ended: EndedSessions) {
      if ('sessionId' in ended) await repo.revokeSession(executor, ended.sessionId);
      else if ('accountId' in ended) await repo.revokeAccountSessions(executor, ended.accountId);
      else await repo.revokePersonSessions(executor, ended.personId, ended.exceptSessionId);
      const message = messageFor(ended);
      await broadcast.send(executor, SESSIONS_CHANNEL, message);
      return { forget: () => forget(message) };
    },

    /**
     * Has every process read a person's sessions again on their next request
     * (their roles changed), without ending them: sent in the caller's
     * transaction; call `forget` after commit to drop them here at once.
     */
    async refresh(executor: Executor, personId: string) {
      const message = messageFor({ personId, exceptSessionId: null });
      await broadcast.send(executor, SESSIONS_CHANNEL, message);
      return { forget: () => forget(message) };
    },

    /** Resolves a session cookie to its caller, enforcing the idle and absolute timeouts. */
    async authenticate(token: string): Promise<Auth | null> {
      const sessionId = sessionIdFromToken(token);
      // At most one round trip: session, account and roles together.
      let caller = cache?.get(sessionId);
      if (!caller) {
        caller = await repo.findSessionCaller(db, sessionId);
        if (!caller) return null;
        cache?.set(sessionId, caller);
      }
      const now = new Date();
      if (caller.expires_at <= now) {
        cache?.delete(sessionId);
        return null;
      }
      if (now.getTime() - caller.last_seen_at.getTime() > idleMs) {
        await repo.revokeSession(db, sessionId);
        forget(sessionId);
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
        provider: caller.provider_id,
      };
    },

    isCsrfTokenValid(auth: Auth, presented: string | undefined): boolean {
      return typeof presented === 'string' && safeEqual(auth.csrfToken, presented);
    },
  };
}
