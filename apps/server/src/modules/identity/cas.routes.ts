import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.ts';
import { CAS_CALLBACK_PATH, type createCasLogin } from './cas-login.ts';
import { originOf } from '../audit/request-origin.ts';

const flag = z.enum(['0', '1']).optional();
const loginQuery = z.object({ next: z.string().max(500).optional(), renew: flag, gateway: flag });
const callbackQuery = z.object({ ticket: z.string().max(512).optional(), next: z.string().max(500).optional(), renew: flag });

/**
 * The browser's round trip through CAS. Both GET routes answer with
 * redirects: to the CAS server, then back into the H5 at the page the person
 * wanted, with the ticket gone from the address bar; a refused login lands
 * on /login with the error code. CAS posts its single-logout requests to the
 * callback URL as a form.
 */
export async function registerCasRoutes(
  app: FastifyInstance,
  deps: { cas: ReturnType<typeof createCasLogin>; setSessionCookie: (request: FastifyRequest, reply: FastifyReply, token: string) => void },
): Promise<void> {
  const { cas } = deps;
  await app.register(async (scope) => {
    // Only here: the single-logout request is a form post (logoutRequest=<SAML XML>).
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get('/api/auth/cas/login', { schema: { tags: ['auth'], summary: 'Go to the CAS login page (renew=1: a fresh login; gateway=1: only if already logged in there)', querystring: loginQuery } }, async (request, reply) => {
      const url = await cas.loginUrl(request.query.next, { renew: request.query.renew === '1', gateway: request.query.gateway === '1' });
      return reply.redirect(url, 302);
    });

    r.get(CAS_CALLBACK_PATH, { schema: { tags: ['auth'], summary: 'Back from CAS with a service ticket', querystring: callbackQuery } }, async (request, reply) => {
      const next = request.query.next;
      const toLogin = (code?: string) => {
        const params = new URLSearchParams();
        if (code) params.set('error', code);
        if (next) params.set('next', next);
        const query = params.toString();
        return reply.redirect(query ? `/login?${query}` : '/login', 302);
      };
      try {
        const done = await cas.complete(request.query, originOf(request));
        if (!done.login) return toLogin();
        deps.setSessionCookie(request, reply, done.login.token);
        return reply.redirect(done.next, 302);
      } catch (error) {
        if (isAppError(error)) return toLogin(error.code);
        throw error;
      }
    });

    r.post(CAS_CALLBACK_PATH, { schema: { tags: ['auth'], summary: 'CAS single logout (SAML LogoutRequest)', body: z.object({ logoutRequest: z.string().max(64 * 1024).optional() }).loose() } }, async (request, reply) => {
      await cas.singleLogout(request.body.logoutRequest);
      return reply.type('text/plain').send('ok');
    });
  });
}
