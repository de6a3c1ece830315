import { createHash, randomBytes } from 'node:crypto';
import { safeNextPath, wecomSettings, type WecomSettingsInput } from '@onehall/contracts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestOrigin } from '../audit/audit.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import { randomWecomState, WecomCodeInvalid, WecomError } from '../identity/providers/wecom-api.ts';
import { createWecomClient } from '../identity/providers/wecom-client.ts';
import * as repo from './binding.repository.ts';

export const WECOM_CALLBACK_PATH = '/api/auth/wecom/callback';
/** The cookie naming the browser's pending (not yet bound) WeCom member. */
export const WECOM_PENDING_COOKIE = 'hall_wecom';
const PENDING_MINUTES = 30;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** WeCom may give the mobile as +86 138…; the hall compares bare mainland numbers. */
export function bareMobile(mobile: string | null | undefined): string | null {
  const digits = mobile?.replace(/[\s-]/g, '').replace(/^(\+?86)/, '') ?? '';
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export type WecomOutcome =
  | { kind: 'loggedIn'; next: string; login: { token: string; auth: Auth } }
  | { kind: 'register'; pendingToken: string }
  | { kind: 'restart'; url: string };

/**
 * Opening the hall inside WeCom: WeCom's OAuth2 login tells who the member
 * is. A member bound to a person is logged in as that person; one not bound
 * yet goes to the registration, carrying who they are at WeCom (and the
 * mobile WeCom holds, when they shared it) for the binding step. A used or
 * expired WeCom code restarts the login instead of showing an error page.
 */
export type WecomLogin = ReturnType<typeof createWecomLogin>;

export function createWecomLogin(deps: { db: Db; config: Config; identity: IdentityService }) {
  const { db, config, identity } = deps;

  async function enabled(): Promise<WecomSettingsInput | null> {
    const row = await identity.providerRow('wecom');
    if (!row?.enabled) return null;
    const parsed = wecomSettings.safeParse(row.settings);
    if (!parsed.success || !config.PUBLIC_URL || !config.WECOM_SECRET) {
      throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'wecom', cause: !parsed.success ? 'invalid settings' : 'PUBLIC_URL or WECOM_SECRET is not set' });
    }
    return parsed.data;
  }

  const client = (settings: WecomSettingsInput) => createWecomClient(settings, config.WECOM_SECRET!);
  const callbackUrl = () => new URL(WECOM_CALLBACK_PATH, config.PUBLIC_URL).toString();

  return {
    /** To WeCom's login: silently (snsapi_base) to log in, or asking to share the mobile (snsapi_privateinfo) to register. */
    async start(nextPath: string | undefined, purpose: 'login' | 'register'): Promise<{ url: string; browserToken: string }> {
      const settings = await enabled();
      if (!settings) throw new AppError('NOT_FOUND');
      const state = randomWecomState();
      const browserToken = randomBytes(24).toString('base64url');
      const next = purpose === 'register' ? '/register' : (safeNextPath(nextPath) ?? '/');
      await identity.saveLoginState({ id: sha256(state), provider_id: 'wecom', browser_hash: sha256(browserToken), code_verifier: null, nonce: purpose, next, expires_at: new Date(Date.now() + 10 * 60_000) });
      const url = client(settings).authorizeUrl({ redirectUri: callbackUrl(), scope: purpose === 'register' ? 'snsapi_privateinfo' : 'snsapi_base', state });
      return { url, browserToken };
    },

    async complete(query: { code?: string | undefined; state?: string | undefined }, browserToken: string | undefined, origin: RequestOrigin): Promise<WecomOutcome> {
      const settings = await enabled();
      if (!settings) throw new AppError('NOT_FOUND');
      const taken = query.state && browserToken ? await identity.takeLoginState(sha256(query.state), 'wecom', sha256(browserToken)) : undefined;
      if (!taken || !query.code) throw new AppError('WECOM_LOGIN_INVALID');
      const purpose = taken.nonce === 'register' ? 'register' : 'login';
      const restart = () => ({ kind: 'restart' as const, url: `/api/auth/wecom/login?${new URLSearchParams({ next: taken.next, purpose }).toString()}` });
      let who;
      try {
        who = await client(settings).identify(query.code);
      } catch (error) {
        // A used or expired code (a reload, a back button): start the login again rather than show an error.
        if (error instanceof WecomCodeInvalid || (error instanceof WecomError && error.kind === 'ticket-invalid')) return restart();
        throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'wecom', cause: error instanceof WecomError ? error.kind : String(error) });
      }
      if (who.kind === 'non-member') throw new AppError('WECOM_NOT_MEMBER');
      if (who.kind === 'outside-visible-range') throw new AppError('WECOM_OUTSIDE_VISIBLE_RANGE');
      // Registering: whoever is bound, the registration learns the member (a member bound to an old number is told so at the phone step).
      const binding = purpose === 'login' ? await repo.findLiveBindingByWecomUser(db, who.userId) : undefined;
      const account = binding ? await identity.newestActiveAccount(binding.person_id) : undefined;
      if (binding && account) {
        return { kind: 'loggedIn', next: taken.next, login: await identity.logInAs(account, 'wecom', origin) };
      }
      // Not bound yet: the registration continues in this browser with who they are at WeCom.
      if (purpose === 'login' && who.mobile === null) return { ...restart(), url: `/api/auth/wecom/login?${new URLSearchParams({ purpose: 'register' }).toString()}` };
      const pendingToken = randomBytes(24).toString('base64url');
      await repo.insertWecomPending(db, { id: sha256(pendingToken), wecom_userid: who.userId, mobile: bareMobile(who.mobile), expires_at: new Date(Date.now() + PENDING_MINUTES * 60_000) });
      return { kind: 'register', pendingToken };
    },
  };
}
