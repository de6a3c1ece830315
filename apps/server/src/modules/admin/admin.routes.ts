import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminDashboardDto, errorBody } from '@onehall/contracts';
import { requireAdmin } from '../identity/identity.policy.ts';
import type { AdminService } from './admin.service.ts';

export async function registerAdminRoutes(app: FastifyInstance, deps: { admin: AdminService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/admin/dashboard', { preHandler: requireAdmin, schema: { tags: ['admin'], summary: 'Figures for the admin dashboard', response: { 200: adminDashboardDto, 401: errorBody, 403: errorBody } } }, () =>
    deps.admin.getDashboard(),
  );
}
