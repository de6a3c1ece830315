import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Auth } from './identity.service.ts';

/** The caller, or 401. Used by every route that needs a logged-in person. */
export function requireAuth(request: FastifyRequest): Auth {
  if (!request.auth) throw new AppError('NOT_AUTHENTICATED');
  return request.auth;
}

/**
 * preHandler for routes of the hall proper: a person who still has the
 * initial password may do nothing but change it.
 */
export async function requireMember(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const auth = requireAuth(request);
  if (auth.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
}

/** preHandler for the admin console's API. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await requireMember(request, reply);
  if (!request.auth?.roles.includes('admin')) throw new AppError('FORBIDDEN');
}

/** The administrator behind a request, as the audit log names them: their person and the 学号/工号 they logged in with. */
export function adminActor(request: FastifyRequest): { personId: string; label: string } {
  const admin = requireAuth(request);
  return { personId: admin.personId, label: admin.accountNo };
}
