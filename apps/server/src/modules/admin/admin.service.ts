import type { AdminDashboardDto } from '@onehall/contracts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';

export type AdminService = ReturnType<typeof createAdminService>;

export function createAdminService(deps: { identity: IdentityService; catalog: CatalogService; workflow: WorkflowService }) {
  return {
    async getDashboard(): Promise<AdminDashboardDto> {
      const [people, services, applications] = await Promise.all([
        deps.identity.countPeople(),
        deps.catalog.countPublishedServices(),
        deps.workflow.countApplications(),
      ]);
      return { people, services, applicationsRunning: applications.running, applicationsTotal: applications.total, tasksPending: applications.pendingTasks };
    },
  };
}
