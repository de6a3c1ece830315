import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { oidcSettings, safeNextPath, type OidcSettings } from '@onehall/contracts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';
import type { IdentityProviderRow } from './identity.table.ts';
import type { LogInAs } from './external-login.ts';
import type { Auth } from './sessions.ts';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** The cookie binding an outside login to the browser that started it. */
export const LOGIN_COOKIE = 'hall_login';
/** How long a person may take at the provider. */
const LOGIN_STATE_MINUTES = 10;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Logging in through an OpenID Connect provider: authorization code with
 * PKCE, a state and a nonce kept server-side for ten minutes, used once and
 * bound to the browser by a cookie, the redirect URI built from PUBLIC_URL,
 * the client secret only from configuration. The ID token's claim named in
 * the settings is the hall account number.
 */
export function createOidcLogin(deps: { db: Db; config: Config; audit: AuditService; logInAs: LogInAs; providerRow: (id: 'oidc') => Promise<IdentityProviderRow | undefined> }) {
  const { db, config, audit, logInAs } = deps;
  // Discovery once per issuer and client, kept for ten minutes.
  const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

  async function enabled(): Promise<{ settings: OidcSettings; displayName: string } | null> {
    const row = await deps.providerRow('oidc');
    if (!row?.enabled) return null;
    const parsed = oidcSettings.safeParse(row.settings);
    if (!parsed.success || !config.PUBLIC_URL) throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'oidc', cause: !config.PUBLIC_URL ? 'PUBLIC_URL is not set' : 'invalid settings' });
    return { settings: parsed.data, displayName: row.display_name };
  }

  function configurationFor(settings: OidcSettings): Promise<oidc.Configuration> {
    const key = `${settings.issuer} ${settings.clientId}`;
    const cached = discovered.get(key);
    if (cached && Date.now() - cached.at < 600_000) return cached.configuration;
    const issuer = new URL(settings.issuer);
    const configuration = oidc
      .discovery(issuer, settings.clientId, undefined, oidc.ClientSecretPost(config.OIDC_CLIENT_SECRET), {
        timeout: Math.ceil(settings.timeoutMs / 1000),
        // A provider on plain http is accepted only on this machine (tests, trials).
        ...(issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname) ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        discovered.delete(key);
        throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'oidc', cause: error instanceof Error ? error.message : String(error) });
      });
    discovered.set(key, { at: Date.now(), configuration });
    return configuration;
  }

  const redirectUri = () => new URL(OIDC_CALLBACK_PATH, config.PUBLIC_URL).toString();

  return {
    async option(): Promise<{ provider: 'oidc'; displayName: string; loginUrl: string } | null> {
      const provider = await enabled().catch(() => null);
      return provider ? { provider: 'oidc', displayName: provider.displayName, loginUrl: '/api/auth/oidc/login' } : null;
    },

    /** Starts a login: the provider's authorization URL, and the browser cookie to set. `renew` asks the provider for a fresh login (binding, unbinding). */
    async start(nextPath: string | undefined, options: { renew?: boolean } = {}): Promise<{ url: string; browserToken: string }> {
      const provider = await enabled();
      if (!provider) throw new AppError('NOT_FOUND');
      const configuration = await configurationFor(provider.settings);
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      const browserToken = randomBytes(24).toString('base64url');
      await repo.insertLoginState(db, {
        id: sha256(state),
        provider_id: 'oidc',
        browser_hash: sha256(browserToken),
        code_verifier: verifier,
        nonce,
        next: safeNextPath(nextPath) ?? '/',
        expires_at: new Date(Date.now() + LOGIN_STATE_MINUTES * 60_000),
      });
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri(),
        scope: provider.settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(options.renew ? { prompt: 'login', max_age: '0' } : {}),
      });
      return { url: url.toString(), browserToken };
    },

    /** The browser is back with a code (or an error): check the state, redeem the code, open a session. */
    async complete(pathAndQuery: string, browserToken: string | undefined, origin: RequestOrigin): Promise<{ next: string; login: { token: string; auth: Auth } }> {
      const refused = async (error: AppError, label: string | null = null, personId: string | null = null): Promise<never> => {
        await audit.record(db, { action: 'loginFailed', outcome: error.code, actorPersonId: personId, actorLabel: label, origin, detail: { provider: 'oidc' } });
        throw error;
      };
      const provider = await enabled();
      if (!provider) throw new AppError('NOT_FOUND');
      const current = new URL(pathAndQuery, config.PUBLIC_URL);
      const state = current.searchParams.get('state');
      const taken = state && browserToken ? await repo.takeLoginState(db, sha256(state), 'oidc', sha256(browserToken)) : undefined;
      if (!taken) return refused(new AppError('OIDC_LOGIN_INVALID', { reason: 'state' }));
      let claims: oidc.IDToken | undefined;
      try {
        const configuration = await configurationFor(provider.settings);
        const tokens = await oidc.authorizationCodeGrant(configuration, current, { pkceCodeVerifier: taken.code_verifier!, expectedState: state!, expectedNonce: taken.nonce!, idTokenExpected: true });
        claims = tokens.claims();
      } catch (error) {
        if (isAppError(error)) throw error;
        // The provider refused the code (or sent an error back): not a way in, and nothing secret in the message.
        return refused(new AppError('OIDC_LOGIN_INVALID', { reason: error instanceof Error ? error.name : 'error' }));
      }
      const subject = claims?.sub;
      const accountNo = claims?.[provider.settings.accountNoClaim];
      const account = typeof accountNo === 'string' ? await repo.findAccountByNo(db, accountNo) : undefined;
      if (!subject || !account) return refused(new AppError('ACCOUNT_NOT_IN_DIRECTORY'), typeof accountNo === 'string' ? accountNo : (subject ?? null));
      if (account.status !== 'active') return refused(new AppError('ACCOUNT_DISABLED'), account.account_no, account.person_id);
      return { next: taken.next, login: await logInAs(account, 'oidc', origin, { subject }) };
    },
  };
}
