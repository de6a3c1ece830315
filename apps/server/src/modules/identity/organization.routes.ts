import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { editClassBody, editDepartmentBody, errorBody, organizationCodeParams, organizationDto, organizationImportBody, organizationImportLimits, organizationImportParams, organizationImportReportDto } from '@onehall/contracts';
import { originOf } from '../audit/request-origin.ts';
import { adminActor, requireAdmin } from './identity.policy.ts';
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
  const edited = { 200: organizationDto, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

  r.put(
    '/api/admin/organization/departments/:code',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Edit a department: an empty field clears it; 400 VALIDATION_FAILED names the fields', params: organizationCodeParams, body: editDepartmentBody, response: edited } },
    (request) => organization.editDepartment(adminActor(request), request.params.code, request.body, originOf(request)),
  );
  r.put(
    '/api/admin/organization/classes/:code',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Edit a class: an empty field clears it; a class with students keeps its department', params: organizationCodeParams, body: editClassBody, response: edited } },
    (request) => organization.editClass(adminActor(request), request.params.code, request.body, originOf(request)),
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
    (request) => organization.importOrganization(request.params.kind, adminActor(request), request.body, originOf(request)),
  );
}
