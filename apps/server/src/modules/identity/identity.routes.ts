import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountNoParams, accountStatusBody, changePasswordBody, errorBody, linkAccountBody, logoutBody, logoutDto, personAccountsDto, personIdParams, identityProviderListDto, identityProviderParams, loginBody, loginOptionsDto, meDto, okDto, updateIdentityProviderBody } from '@onehall/contracts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { requireAdmin, requireAuth } from './identity.policy.ts';
import type { Auth, IdentityService } from './identity.service.ts';
import { originOf } from '../audit/request-origin.ts';
import { CAS_CALLBACK_PATH } from './cas-login.ts';
import { registerCasRoutes } from './cas.routes.ts';
import { registerOidcRoutes } from './oidc.routes.ts';
import { registerPeopleRoutes } from './people.routes.ts';
import { registerOrganizationRoutes } from './organization.routes.ts';
import { registerRoleRoutes } from './roles.routes.ts';
import { registerLookupRoutes } from './lookups.routes.ts';
import { FILE_UPLOAD_PATH } from '../files/files.routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's live session, or null when not logged in. */
    auth: Auth | null;
  }
}

export const SESSION_COOKIE = 'hall_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Session and CSRF handling for every request, and the /api/auth routes.
 *
 * CSRF: the session cookie is SameSite=Lax, and every state-changing API call
 * must also carry the session's synchronizer token in X-CSRF-Token. Calls
 * without a session (login) must be JSON and, when the browser says where they
 * come from, come from this host: a cross-site form cannot send either.
 */
/** Whether cookies get the Secure flag: on https (auto), or as configured. */
export function isSecureCookie(config: Config, request: FastifyRequest): boolean {
  return config.COOKIE_SECURE === 'auto' ? request.protocol === 'https' : config.COOKIE_SECURE === 'true';
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure on https, for the session's absolute lifetime. */
export function sessionCookieOptions(config: Config, request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isSecureCookie(config, request), maxAge: config.SESSION_ABSOLUTE_HOURS * 3600 };
}

export async function registerIdentityRoutes(app: FastifyInstance, deps: { identity: IdentityService; config: Config }): Promise<void> {
  const { identity, config } = deps;

  const cookieOptions = (request: FastifyRequest) => sessionCookieOptions(config, request);

  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await identity.authenticate(token) : null;
    if (token && !request.auth) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (SAFE_METHODS.has(request.method)) return;
    // CAS single logout is a server-to-server form post naming a ticket; it carries no session and changes nothing but that ticket's session.
    if (request.method === 'POST' && request.url.split('?')[0] === CAS_CALLBACK_PATH) return;

    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      if (originHost !== request.host) throw new AppError('CSRF_FAILED');
    }
    const contentType = request.headers['content-type'] ?? '';
    // A file upload is multipart; it is let through only with a session, whose CSRF token (checked below) a cross-site form cannot send.
    const isFileUpload = request.auth !== null && request.url === FILE_UPLOAD_PATH && contentType.startsWith('multipart/form-data');
    if (request.headers['content-length'] !== '0' && contentType && !contentType.startsWith('application/json') && !isFileUpload) throw new AppError('CSRF_FAILED');
    const exempt = request.url === '/api/auth/login';
    if (request.auth && !exempt && !identity.isCsrfTokenValid(request.auth, request.headers['x-csrf-token'] as string | undefined)) {
      throw new AppError('CSRF_FAILED');
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 423: errorBody };

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) => void reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
  await registerCasRoutes(app, { cas: identity.cas, setSessionCookie });
  await registerOidcRoutes(app, { oidc: identity.oidc, setSessionCookie, secure: (request) => cookieOptions(request).secure });
  await registerPeopleRoutes(app, { identity });
  await registerOrganizationRoutes(app, { identity });
  await registerRoleRoutes(app, { identity });
  await registerLookupRoutes(app, { lookups: identity.lookups, searchesPerMinute: config.PEOPLE_SEARCH_PER_MINUTE });

  r.get('/api/auth/login-options', { schema: { tags: ['auth'], summary: 'What the login page offers', response: { 200: loginOptionsDto } } }, () => identity.loginOptions());

  r.get(
    '/api/admin/identity-providers',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Identity providers and their settings', response: { 200: identityProviderListDto, 401: errorBody, 403: errorBody } } },
    () => identity.listProviders(),
  );
  r.put(
    '/api/admin/identity-providers/:providerId',
    {
      preHandler: requireAdmin,
      schema: { tags: ['admin'], summary: 'Save an identity provider’s settings (secrets stay in the server configuration)', params: identityProviderParams, body: updateIdentityProviderBody, response: { 200: identityProviderListDto, 400: errorBody, 401: errorBody, 403: errorBody } },
    },
    (request) => identity.saveProvider(requireAuth(request), request.params.providerId, request.body, originOf(request)),
  );

  r.get(
    '/api/admin/people/:personId/accounts',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'A person’s accounts (学号/工号)', params: personIdParams, response: { 200: personAccountsDto, 401: errorBody, 403: errorBody, 404: errorBody } } },
    (request) => identity.accounts.accountsOf(request.params.personId),
  );
  r.post(
    '/api/admin/people/:personId/accounts',
    {
      preHandler: requireAdmin,
      schema: { tags: ['admin'], summary: 'Give a person a new account (e.g. 预科→本科): applications and tasks follow the person', params: personIdParams, body: linkAccountBody, response: { 200: personAccountsDto, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody } },
    },
    (request) => identity.accounts.linkAccount(requireAuth(request), request.params.personId, request.body, originOf(request)),
  );
  r.put(
    '/api/admin/accounts/:accountNo/status',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Disable or enable an account (a disabled account’s sessions end at once)', params: accountNoParams, body: accountStatusBody, response: { 200: personAccountsDto, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody } } },
    (request) => identity.accounts.setAccountStatus(requireAuth(request), request.params.accountNo, request.body.status, originOf(request)),
  );

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in person', response: { 200: meDto, 401: errorBody } } }, async (request) => {
    return identity.describe(requireAuth(request));
  });

  r.post('/api/auth/login', { schema: { tags: ['auth'], summary: 'Log in with account number and password', body: loginBody, response: { 200: meDto, ...errors } } }, async (request, reply) => {
    const { token, auth } = await identity.login({
      accountNo: request.body.accountNo,
      password: request.body.password,
      ...originOf(request),
      previousSessionId: request.auth?.sessionId,
    });
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
    request.log.info({ accountId: auth.accountId }, 'login');
    return identity.describe(auth);
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session (cas: true also ends the CAS session, by sending the browser to CAS)', body: logoutBody, response: { 200: logoutDto } } }, async (request, reply) => {
    const casLogoutUrl = request.auth ? await identity.logout(request.auth, originOf(request), { cas: request.body?.cas === true }) : null;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return casLogoutUrl ? { ok: true as const, casLogoutUrl } : { ok: true as const };
  });

  r.post('/api/auth/logout-everywhere', { schema: { tags: ['auth'], summary: 'End every session of mine, on every device (this one too)', response: { 200: okDto, 401: errorBody, 403: errorBody } } }, async (request, reply) => {
    await identity.logoutEverywhere(requireAuth(request), originOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.post('/api/auth/password', { schema: { tags: ['auth'], summary: 'Change my password', body: changePasswordBody, response: { 200: meDto, ...errors } } }, async (request) => {
    const auth = await identity.changePassword(requireAuth(request), request.body.oldPassword, request.body.newPassword, originOf(request));
    return identity.describe(auth);
  });
}
