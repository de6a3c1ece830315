import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bindingStatusDto, bindPhoneBody, errorBody, okDto } from '@onehall/contracts';
import { originOf } from '../audit/request-origin.ts';
import { requireAuth } from '../identity/identity.policy.ts';
import type { Config } from '../../platform/config.ts';
import { isSecureCookie, SESSION_COOKIE, sessionCookieOptions } from '../identity/identity.routes.ts';
import { z } from 'zod';
import { isAppError } from '../../platform/errors.ts';
import { LOGIN_COOKIE } from '../identity/oidc-login.ts';
import type { BindingService } from './binding.service.ts';
import { WECOM_CALLBACK_PATH, WECOM_PENDING_COOKIE, type WecomLogin } from './wecom-login.ts';

export async function registerBindingRoutes(
  app: FastifyInstance,
  deps: { binding: BindingService; wecom: WecomLogin; config: Config },
): Promise<void> {
  const secure = (request: FastifyRequest) => isSecureCookie(deps.config, request);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody };
  r.get('/api/binding', { schema: { tags: ['binding'], summary: 'My binding (phone masked)', response: { 200: bindingStatusDto, 401: errorBody } } }, (request) =>
    deps.binding.status(requireAuth(request), request.cookies[WECOM_PENDING_COOKIE]),
  );
  r.post(
    '/api/binding/phone',
    { schema: { tags: ['binding'], summary: 'Bind my phone, verified by an SMS code in this session (needs a login made just now)', body: bindPhoneBody, response: { 200: bindingStatusDto, ...errors } } },
    async (request, reply) => {
      const status = await deps.binding.bindPhone(requireAuth(request), request.body, originOf(request), request.cookies[WECOM_PENDING_COOKIE]);
      reply.clearCookie(WECOM_PENDING_COOKIE, { path: '/api' });
      return status;
    },
  );

  // Opening the hall inside WeCom.
  r.get('/api/auth/wecom/login', { schema: { tags: ['auth'], summary: 'Go to WeCom’s login (purpose=register asks the member to share their mobile)', querystring: z.object({ next: z.string().max(500).optional(), purpose: z.enum(['login', 'register']).default('login') }) } }, async (request, reply) => {
    const { url, browserToken } = await deps.wecom.start(request.query.next, request.query.purpose);
    reply.setCookie(LOGIN_COOKIE, browserToken, { path: '/api/auth', httpOnly: true, sameSite: 'lax', secure: secure(request), maxAge: 600 });
    return reply.redirect(url, 302);
  });
  r.get(WECOM_CALLBACK_PATH, { schema: { tags: ['auth'], summary: 'Back from WeCom’s login', querystring: z.object({ code: z.string().max(512).optional(), state: z.string().max(128).optional() }) } }, async (request, reply) => {
    const browserToken = request.cookies[LOGIN_COOKIE];
    reply.clearCookie(LOGIN_COOKIE, { path: '/api/auth' });
    try {
      const outcome = await deps.wecom.complete(request.query, browserToken, originOf(request));
      if (outcome.kind === 'restart') return reply.redirect(outcome.url, 302);
      if (outcome.kind === 'loggedIn') {
        reply.setCookie(SESSION_COOKIE, outcome.login.token, sessionCookieOptions(deps.config, request));
        return reply.redirect(outcome.next, 302);
      }
      reply.setCookie(WECOM_PENDING_COOKIE, outcome.pendingToken, { path: '/api', httpOnly: true, sameSite: 'lax', secure: secure(request), maxAge: 30 * 60 });
      return reply.redirect('/register', 302);
    } catch (error) {
      if (isAppError(error)) return reply.redirect(`/register?error=${error.code}`, 302);
      throw error;
    }
  });
  r.post('/api/binding/unbind', { schema: { tags: ['binding'], summary: 'Unbind: ends the binding and every session of mine (needs a login made just now)', response: { 200: okDto, ...errors } } }, async (request, reply) => {
    await deps.binding.unbind(requireAuth(request), originOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
}
