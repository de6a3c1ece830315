import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, inboxCountsDto, listQuery, taskListDto } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';

/** 收到的事项: the caller's todo and done tasks and their counts. */
export async function registerInboxRoutes(app: FastifyInstance, deps: { workflow: WorkflowService }): Promise<void> {
  const { workflow } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

  r.get('/api/inbox/counts', { ...auth, schema: { tags: ['inbox'], summary: '待办 and 已办 counts', response: { 200: inboxCountsDto, ...errors } } }, (request) =>
    workflow.countTasks(requireAuth(request)),
  );
  r.get('/api/inbox/todo', { ...auth, schema: { tags: ['inbox'], summary: '待办', querystring: listQuery, response: { 200: taskListDto, ...errors } } }, (request) =>
    workflow.listTasks(requireAuth(request), 'todo', request.query),
  );
  r.get('/api/inbox/done', { ...auth, schema: { tags: ['inbox'], summary: '已办', querystring: listQuery, response: { 200: taskListDto, ...errors } } }, (request) =>
    workflow.listTasks(requireAuth(request), 'done', request.query),
  );
}
