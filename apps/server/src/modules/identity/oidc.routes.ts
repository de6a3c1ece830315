import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.ts';
import { originOf } from '../audit/request-origin.ts';
import { LOGIN_COOKIE, OIDC_CALLBACK_PATH, type createOidcLogin } from './oidc-login.ts';

/**
 * The browser's round trip through an OpenID Connect provider: to the
 * provider with a cookie binding the attempt to this browser, and back into
 * the H5 at the page the person wanted; a refused login lands on /login
 * with the error code.
 */
export async function registerOidcRoutes(
  app: FastifyInstance,
  deps: { oidc: ReturnType<typeof createOidcLogin>; secure: (request: FastifyRequest) => boolean; setSessionCookie: (request: FastifyRequest, reply: FastifyReply, token: string) => void },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/auth/oidc/login', { schema: { tags: ['auth'], summary: 'Go to the OpenID Connect provider to log in', querystring: z.object({ next: z.string().max(500).optional(), renew: z.enum(['0', '1']).optional() }) } }, async (request, reply) => {
    const { url, browserToken } = await deps.oidc.start(request.query.next, { renew: request.query.renew === '1' });
    reply.setCookie(LOGIN_COOKIE, browserToken, { path: '/api/auth', httpOnly: true, sameSite: 'lax', secure: deps.secure(request), maxAge: 600 });
    return reply.redirect(url, 302);
  });

  r.get(OIDC_CALLBACK_PATH, { schema: { tags: ['auth'], summary: 'Back from the OpenID Connect provider', querystring: z.object({}).loose() } }, async (request, reply) => {
    const browserToken = request.cookies[LOGIN_COOKIE];
    reply.clearCookie(LOGIN_COOKIE, { path: '/api/auth' });
    try {
      const done = await deps.oidc.complete(request.url, browserToken, originOf(request));
      deps.setSessionCookie(request, reply, done.login.token);
      return reply.redirect(done.next, 302);
    } catch (error) {
      if (isAppError(error)) return reply.redirect(`/login?error=${error.code}`, 302);
      throw error;
    }
  });
}
