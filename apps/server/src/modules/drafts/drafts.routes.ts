import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { draftListDto, draftSummaryDto, errorBody, myDraftDto, okDto, saveDraftBody, serviceCodeParams } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { DraftsService } from './drafts.service.ts';

/** 草稿: my drafts of services, saved as I type, listed in 发出的事项. */
export async function registerDraftsRoutes(app: FastifyInstance, deps: { drafts: DraftsService }): Promise<void> {
  const { drafts } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody };

  r.get('/api/drafts', { ...auth, schema: { tags: ['drafts'], summary: 'My drafts, newest first', response: { 200: draftListDto, ...errors } } }, (request) => drafts.list(requireAuth(request)));

  r.get('/api/drafts/:code', { ...auth, schema: { tags: ['drafts'], summary: 'My draft of a service (draft: null when none)', params: serviceCodeParams, response: { 200: myDraftDto, ...errors } } }, (request) =>
    drafts.get(requireAuth(request), request.params.code),
  );

  r.put(
    '/api/drafts/:code',
    { ...auth, schema: { tags: ['drafts'], summary: 'Save my draft of a service (over the one kept). Not checked as a form: only its size and its keys (the form’s fields) are limited', params: serviceCodeParams, body: saveDraftBody, response: { 200: draftSummaryDto, ...errors } } },
    (request) => drafts.save(requireAuth(request), request.params.code, request.body),
  );

  r.delete('/api/drafts/:code', { ...auth, schema: { tags: ['drafts'], summary: 'Delete my draft of a service (idempotent)', params: serviceCodeParams, response: { 200: okDto, ...errors } } }, async (request) => {
    await drafts.remove(requireAuth(request), request.params.code);
    return { ok: true as const };
  });
}
