import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, peopleImportBody, peopleImportLimits, peopleImportReportDto, peopleListDto, peopleListQuery } from '@onehall/contracts';
import { originOf } from '../audit/request-origin.ts';
import { requireAdmin, requireAuth } from './identity.policy.ts';
import type { IdentityService } from './identity.service.ts';

/** Administrators' people: the list (人员) and the CSV import (人员导入). */
export async function registerPeopleRoutes(app: FastifyInstance, deps: { identity: IdentityService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { accounts } = deps.identity;

  r.get(
    '/api/admin/people',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'People with their accounts, newest first (phone and ID number masked)', querystring: peopleListQuery, response: { 200: peopleListDto, 400: errorBody, 401: errorBody, 403: errorBody } } },
    (request) => accounts.listPeople(request.query),
  );
  r.post(
    '/api/admin/people/import',
    {
      preHandler: requireAdmin,
      // The file's text in JSON: room for peopleImportLimits.characters Chinese characters (3 bytes each in UTF-8).
      bodyLimit: peopleImportLimits.characters * 3 + 1024,
      schema: {
        tags: ['admin'],
        summary: 'Import people from CSV: commit=false only checks and shows what would change; commit=true writes all rows or none',
        body: peopleImportBody,
        response: { 200: peopleImportReportDto, 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody },
      },
    },
    (request) => {
      const admin = requireAuth(request);
      return accounts.importPeople({ personId: admin.personId, label: admin.accountNo }, request.body, originOf(request));
    },
  );
}
