import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, organizationDto, organizationImportBody, organizationImportLimits, organizationImportParams, organizationImportReportDto } from '@onehall/contracts';
import { originOf } from '../audit/request-origin.ts';
import { requireAdmin, requireAuth } from './identity.policy.ts';
import type { IdentityService } from './identity.service.ts';

/** Administrators' organisation (组织机构): the department tree with classes, and the CSV imports of both. */
export async function registerOrganizationRoutes(app: FastifyInstance, deps: { identity: IdentityService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { organization } = deps.identity;

  r.get(
    '/api/admin/organization',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Every department (parents first) with its head and classes', response: { 200: organizationDto, 401: errorBody, 403: errorBody } } },
    () => organization.view(),
  );
  r.post(
    '/api/admin/organization/:kind/import',
    {
      preHandler: requireAdmin,
      // The file's text in JSON: room for organizationImportLimits.characters Chinese characters (3 bytes each in UTF-8).
      bodyLimit: organizationImportLimits.characters * 3 + 1024,
      schema: {
        tags: ['admin'],
        summary: 'Import departments or classes from CSV: commit=false only checks and shows what would change; commit=true writes all rows or none',
        params: organizationImportParams,
        body: organizationImportBody,
        response: { 200: organizationImportReportDto, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
      },
    },
    (request) => {
      const admin = requireAuth(request);
      return organization.importOrganization(request.params.kind, { personId: admin.personId, label: admin.accountNo }, request.body, originOf(request));
    },
  );
}
