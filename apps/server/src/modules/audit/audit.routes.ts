import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListDto, auditListQuery, errorBody } from '@onehall/contracts';
import { requireAdmin } from '../identity/identity.policy.ts';
import type { AuditService } from './audit.service.ts';

export async function registerAuditRoutes(app: FastifyInstance, deps: { audit: AuditService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/admin/audit',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'The audit log, newest first', querystring: auditListQuery, response: { 200: auditListDto, 400: errorBody, 401: errorBody, 403: errorBody } } },
    (request) => deps.audit.list(request.query),
  );
}
