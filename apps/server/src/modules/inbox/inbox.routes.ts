import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { copyListDto, errorBody, listServicesDto, listServicesQuery, receivedCountsDto, receivedListQuery, receivedTaskListDto } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';

/**
 * 收到的事项: the caller's 待办, 已办 and 抄送我, their counts, and their
 * filters: service (serviceId), days (from, to: YYYY-MM-DD in Shanghai) and a
 * search (q) of the applicant's name, the title or the serial number.
 */
export async function registerInboxRoutes(app: FastifyInstance, deps: { workflow: WorkflowService }): Promise<void> {
  const { workflow } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

  r.get('/api/inbox/counts', { ...auth, schema: { tags: ['inbox'], summary: '待办, 已办 and 抄送我 counts (and unread copies)', response: { 200: receivedCountsDto, ...errors } } }, (request) =>
    workflow.countReceived(requireAuth(request)),
  );
  r.get('/api/inbox/todo', { ...auth, schema: { tags: ['inbox'], summary: '待办, by the day received', querystring: receivedListQuery, response: { 200: receivedTaskListDto, ...errors } } }, (request) =>
    workflow.listTasks(requireAuth(request), 'todo', request.query),
  );
  r.get('/api/inbox/done', { ...auth, schema: { tags: ['inbox'], summary: '已办, by the day handled', querystring: receivedListQuery, response: { 200: receivedTaskListDto, ...errors } } }, (request) =>
    workflow.listTasks(requireAuth(request), 'done', request.query),
  );
  r.get('/api/inbox/services', { ...auth, schema: { tags: ['inbox'], summary: 'The services a list (sent, todo, done, cc) has items of, for its service filter', querystring: listServicesQuery, response: { 200: listServicesDto, ...errors } } }, (request) =>
    workflow.listServices(requireAuth(request), request.query.list),
  );
  r.get('/api/inbox/cc', { ...auth, schema: { tags: ['inbox'], summary: '抄送我, by the day copied', querystring: receivedListQuery, response: { 200: copyListDto, ...errors } } }, (request) =>
    workflow.listCopies(requireAuth(request), request.query),
  );
}
