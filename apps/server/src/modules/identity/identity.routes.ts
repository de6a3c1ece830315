import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changePasswordBody, errorBody, loginBody, meDto, okDto } from '@onehall/contracts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { requireAuth } from './identity.policy.ts';
import type { Auth, IdentityService } from './identity.service.ts';
import type { RequestOrigin } from '../audit/audit.service.ts';

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
/** Where a request came from, for the audit log (behind a proxy only with TRUST_PROXY). */
function originOf(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export async function registerIdentityRoutes(app: FastifyInstance, deps: { identity: IdentityService; config: Config }): Promise<void> {
  const { identity, config } = deps;

  const cookieOptions = (request: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE === 'auto' ? request.protocol === 'https' : config.COOKIE_SECURE === 'true',
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
  });

  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await identity.authenticate(token) : null;
    if (token && !request.auth) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (SAFE_METHODS.has(request.method)) return;

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
    if (request.headers['content-length'] !== '0' && contentType && !contentType.startsWith('application/json')) throw new AppError('CSRF_FAILED');
    const exempt = request.url === '/api/auth/login';
    if (request.auth && !exempt && !identity.isCsrfTokenValid(request.auth, request.headers['x-csrf-token'] as string | undefined)) {
      throw new AppError('CSRF_FAILED');
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 423: errorBody };

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

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session', response: { 200: okDto } } }, async (request, reply) => {
    if (request.auth) await identity.logout(request.auth, originOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
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
