import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bindingStatusDto, bindPhoneBody, errorBody, okDto } from '@onehall/contracts';
import { originOf } from '../audit/request-origin.ts';
import { requireAuth } from '../identity/identity.policy.ts';
import { SESSION_COOKIE } from '../identity/identity.routes.ts';
import type { BindingService } from './binding.service.ts';

export async function registerBindingRoutes(app: FastifyInstance, deps: { binding: BindingService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody };
  r.get('/api/binding', { schema: { tags: ['binding'], summary: 'My binding (phone masked)', response: { 200: bindingStatusDto, 401: errorBody } } }, (request) => deps.binding.status(requireAuth(request)));
  r.post(
    '/api/binding/phone',
    { schema: { tags: ['binding'], summary: 'Bind my phone, verified by an SMS code in this session (needs a login made just now)', body: bindPhoneBody, response: { 200: bindingStatusDto, ...errors } } },
    (request) => deps.binding.bindPhone(requireAuth(request), request.body, originOf(request)),
  );
  r.post('/api/binding/unbind', { schema: { tags: ['binding'], summary: 'Unbind: ends the binding and every session of mine (needs a login made just now)', response: { 200: okDto, ...errors } } }, async (request, reply) => {
    await deps.binding.unbind(requireAuth(request), originOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
}
