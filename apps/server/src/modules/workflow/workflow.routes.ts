import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { applicationDetailDto, applicationIdParams, applicationListDto, decideBody, errorBody, sentListQuery, submitApplicationBody, taskIdParams } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { WorkflowService } from './workflow.service.ts';

export async function registerWorkflowRoutes(app: FastifyInstance, deps: { workflow: WorkflowService }): Promise<void> {
  const { workflow } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

  r.post(
    '/api/applications',
    { ...auth, schema: { tags: ['applications'], summary: 'Submit an application (idempotent by idempotencyKey)', body: submitApplicationBody, response: { 201: applicationDetailDto, 422: errorBody, ...errors } } },
    async (request, reply) => {
      const detail = await workflow.submit(requireAuth(request), request.body);
      return reply.status(201).send(detail);
    },
  );

  r.get('/api/applications/sent', { ...auth, schema: { tags: ['applications'], summary: '发出的事项', querystring: sentListQuery, response: { 200: applicationListDto, ...errors } } }, (request) =>
    workflow.listSent(requireAuth(request), request.query),
  );

  r.get('/api/applications/:applicationId', { ...auth, schema: { tags: ['applications'], summary: 'An application: form data, tasks, timeline', params: applicationIdParams, response: { 200: applicationDetailDto, ...errors } } }, (request) =>
    workflow.getApplication(requireAuth(request), request.params.applicationId),
  );

  const decision = { params: taskIdParams, body: decideBody, response: { 200: applicationDetailDto, 409: errorBody, ...errors } };
  r.post('/api/tasks/:taskId/approve', { ...auth, schema: { tags: ['tasks'], summary: '同意', ...decision } }, (request) =>
    workflow.approveTask(requireAuth(request), request.params.taskId, request.body.opinion),
  );
  r.post('/api/tasks/:taskId/reject', { ...auth, schema: { tags: ['tasks'], summary: '驳回 (an opinion is required)', ...decision } }, (request) =>
    workflow.rejectTask(requireAuth(request), request.params.taskId, request.body.opinion),
  );
}
