import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addSignerBody, applicationCopyDto, applicationDetailDto, applicationIdParams, applicationListDto, approveBody, batchApproveBody, batchApproveDto, ccBody, decideBody, errorBody,
  handOverBody, lastValuesDto, okDto, pathPreviewDto, previewBody, removeSignerBody, resubmitBody, sendBackBody, sentItemsQuery, serviceCodeParams, submitApplicationBody, taskIdParams,
} from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { WorkflowService } from './workflow.service.ts';

/** Applications and an approver's task actions. Every action is written to the timeline. */
export async function registerWorkflowRoutes(app: FastifyInstance, deps: { workflow: WorkflowService }): Promise<void> {
  const { workflow } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody, 429: errorBody };

  r.post(
    '/api/applications',
    { ...auth, schema: { tags: ['applications'], summary: 'Submit an application (idempotent by idempotencyKey)', body: submitApplicationBody, response: { 201: applicationDetailDto, ...errors } } },
    async (request, reply) => reply.status(201).send(await workflow.submit(requireAuth(request), request.body)),
  );

  r.post('/api/services/:code/preview', { ...auth, schema: { tags: ['applications'], summary: 'Path preview: the steps and concrete approvers for this form data', params: serviceCodeParams, body: previewBody, response: { 200: pathPreviewDto, ...errors } } }, (request) =>
    workflow.previewPath(requireAuth(request), request.params.code, request.body.data, request.body.chosen),
  );

  r.get('/api/applications/sent', { ...auth, schema: { tags: ['applications'], summary: '发出的事项, by status, service (serviceId) and the days submitted (from, to: YYYY-MM-DD, Shanghai)', querystring: sentItemsQuery, response: { 200: applicationListDto, ...errors } } }, (request) =>
    workflow.listSent(requireAuth(request), request.query),
  );

  r.get('/api/applications/:applicationId', { ...auth, schema: { tags: ['applications'], summary: 'An application: form data, tasks, timeline, what I may do', params: applicationIdParams, response: { 200: applicationDetailDto, ...errors } } }, (request) =>
    workflow.getApplication(requireAuth(request), request.params.applicationId),
  );

  r.get('/api/services/:code/last-values', { ...auth, schema: { tags: ['applications'], summary: 'The `last` prefill: my most recent application of this service, for the fields that ask for it (null when none)', params: serviceCodeParams, response: { 200: lastValuesDto, ...errors } } }, (request) =>
    workflow.lastValues(requireAuth(request), request.params.code),
  );

  r.get('/api/applications/:applicationId/copy', { ...auth, schema: { tags: ['applications'], summary: '再次申请: the values a new application of the same service starts from (the applicant only)', params: applicationIdParams, response: { 200: applicationCopyDto, ...errors } } }, (request) =>
    workflow.copyAsNew(requireAuth(request), request.params.applicationId),
  );

  // ── the applicant and participants ──
  const onApplication = { params: applicationIdParams, response: { 200: applicationDetailDto, ...errors } };
  r.post('/api/applications/:applicationId/resubmit', { ...auth, schema: { tags: ['applications'], summary: '重新提交 after a send-back, with edits', body: resubmitBody, ...onApplication } }, (request) =>
    workflow.resubmit(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/applications/:applicationId/withdraw', { ...auth, schema: { tags: ['applications'], summary: '撤回 (until the first decision, or where the node allows)', body: decideBody, ...onApplication } }, (request) =>
    workflow.withdraw(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/applications/:applicationId/urge', { ...auth, schema: { tags: ['applications'], summary: '催办 (once per task per hour)', body: decideBody, ...onApplication } }, (request) =>
    workflow.urge(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/applications/:applicationId/comments', { ...auth, schema: { tags: ['applications'], summary: '评论', body: decideBody, ...onApplication } }, (request) =>
    workflow.comment(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/applications/:applicationId/cc', { ...auth, schema: { tags: ['applications'], summary: '抄送 to more people', body: ccBody, ...onApplication } }, (request) =>
    workflow.copyTo(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/applications/:applicationId/cc/read', { ...auth, schema: { tags: ['applications'], summary: 'Read receipt of my copy', params: applicationIdParams, response: { 200: okDto, ...errors } } }, async (request) => {
    await workflow.markCopyRead(requireAuth(request), request.params.applicationId);
    return { ok: true as const };
  });

  // ── an approver's task ──
  const onTask = { params: taskIdParams, response: { 200: applicationDetailDto, ...errors } };
  r.post('/api/tasks/:taskId/approve', { ...auth, schema: { tags: ['tasks'], summary: '同意 (with writable fields and chosen next approvers)', body: approveBody, ...onTask } }, (request) =>
    workflow.approveTask(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/:taskId/reject', { ...auth, schema: { tags: ['tasks'], summary: '驳回: ends the application', body: decideBody, ...onTask } }, (request) =>
    workflow.rejectTask(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/:taskId/send-back', { ...auth, schema: { tags: ['tasks'], summary: '退回 to the applicant, the previous step or an earlier step', body: sendBackBody, ...onTask } }, (request) =>
    workflow.sendBackTask(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/:taskId/transfer', { ...auth, schema: { tags: ['tasks'], summary: '转交', body: handOverBody, ...onTask } }, (request) =>
    workflow.transferTask(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/:taskId/delegate', { ...auth, schema: { tags: ['tasks'], summary: '委派: the delegate answers, the task comes back', body: handOverBody, ...onTask } }, (request) =>
    workflow.delegateTask(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/:taskId/add-signer', { ...auth, schema: { tags: ['tasks'], summary: '加签 before, after or in parallel', body: addSignerBody, ...onTask } }, (request) =>
    workflow.addSigner(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/:taskId/remove-signer', { ...auth, schema: { tags: ['tasks'], summary: '减签', body: removeSignerBody, ...onTask } }, (request) =>
    workflow.removeSigner(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/tasks/batch-approve', { ...auth, schema: { tags: ['tasks'], summary: '批量同意 (same service, no required opinion or writable field)', body: batchApproveBody, response: { 200: batchApproveDto, ...errors } } }, (request) =>
    workflow.batchApprove(requireAuth(request), request.body.taskIds, request.body.opinion),
  );
}
