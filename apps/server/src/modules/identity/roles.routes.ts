import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createRoleBody, errorBody, grantRoleBody, revokeRoleBody, roleCodeParams, roleListDto } from '@onehall/contracts';
import { originOf } from '../audit/request-origin.ts';
import { adminActor, requireAdmin } from './identity.policy.ts';
import type { IdentityService } from './identity.service.ts';

/** Administrators' roles (角色): the list with holders, new roles, giving and taking one. Every answer is the whole new list. */
export async function registerRoleRoutes(app: FastifyInstance, deps: { identity: IdentityService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { roles } = deps.identity;

  const answers = { 200: roleListDto, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  r.get(
    '/api/admin/roles',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Every role with who holds it (and for which department)', response: { 200: roleListDto, 401: errorBody, 403: errorBody } } },
    () => roles.list(),
  );
  r.post(
    '/api/admin/roles',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'A new role, held by nobody yet; 409 ROLE_EXISTS', body: createRoleBody, response: answers } },
    (request) => roles.create(adminActor(request), request.body, originOf(request)),
  );
  r.post(
    '/api/admin/roles/:code/holders',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Give the role to the person with this 学号/工号, for one department or the school', params: roleCodeParams, body: grantRoleBody, response: answers } },
    (request) => roles.grant(adminActor(request), request.params.code, request.body, originOf(request)),
  );
  r.post(
    '/api/admin/roles/:code/holders/revoke',
    { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Take the role away; 409 CANNOT_REVOKE_OWN_ADMIN for one’s own 系统管理员', params: roleCodeParams, body: revokeRoleBody, response: answers } },
    (request) => roles.revoke(adminActor(request), request.params.code, request.body, originOf(request)),
  );
}
