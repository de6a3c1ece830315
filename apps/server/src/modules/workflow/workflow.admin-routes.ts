import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { applicationDetailDto, applicationIdParams, decideBody, definitionBody, definitionCheckDto, errorBody, handOverBody, jumpBody, processKeyParams, taskIdParams } from '@onehall/contracts';
import { requireAdmin, requireAuth } from '../identity/identity.policy.ts';
import type { DefinitionsService } from './definitions.service.ts';
import type { WorkflowService } from './workflow.service.ts';

/** Administrators' interventions and process definitions. */
export async function registerWorkflowAdminRoutes(app: FastifyInstance, deps: { workflow: WorkflowService; definitions: DefinitionsService }): Promise<void> {
  const { workflow, definitions } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = { preHandler: requireAdmin };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  r.post('/api/admin/tasks/:taskId/reassign', { ...admin, schema: { tags: ['admin'], summary: '改派 a task to someone else', params: taskIdParams, body: handOverBody, response: { 200: applicationDetailDto, ...errors } } }, (request) =>
    workflow.reassignTask(requireAuth(request), request.params.taskId, request.body),
  );
  r.post('/api/admin/applications/:applicationId/jump', { ...admin, schema: { tags: ['admin'], summary: 'Move an application to a step', params: applicationIdParams, body: jumpBody, response: { 200: applicationDetailDto, ...errors } } }, (request) =>
    workflow.jump(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/admin/applications/:applicationId/terminate', { ...admin, schema: { tags: ['admin'], summary: 'Terminate an application', params: applicationIdParams, body: decideBody, response: { 200: applicationDetailDto, ...errors } } }, (request) =>
    workflow.terminate(requireAuth(request), request.params.applicationId, request.body),
  );
  r.post('/api/admin/process-definitions/validate', { ...admin, schema: { tags: ['admin'], summary: 'Check a process definition, with precise problems', body: definitionBody.extend({ formKey: processKeyParams.shape.key.optional() }), response: { 200: definitionCheckDto, ...errors } } }, (request) =>
    definitions.check(request.body.definition, request.body.formKey),
  );
  r.post('/api/admin/process-definitions/:key', { ...admin, schema: { tags: ['admin'], summary: 'Publish a new version of a process (running applications keep theirs)', params: processKeyParams, body: definitionBody, response: { 200: definitionCheckDto, ...errors } } }, async (request) => {
    const row = await definitions.publish(request.params.key, request.body.definition);
    return { valid: true, problems: [], version: row.version };
  });
}
