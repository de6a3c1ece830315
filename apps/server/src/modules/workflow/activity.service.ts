import type { Db } from '../../platform/db.ts';
import * as repo from './activity.repository.ts';

export type ActivityService = ReturnType<typeof createActivityService>;

/**
 * What the workflow module tells other modules about applications in
 * aggregate: how many each service had lately (热门服务) and which services a
 * person applied to last (最近使用). It depends on nothing, so the catalog,
 * which the workflow service depends on, can use it.
 */
export function createActivityService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Applications submitted since `since`, by service id. */
    async countApplicationsByService(since: Date): Promise<Map<string, number>> {
      const rows = await repo.countApplicationsByServiceSince(db, since);
      return new Map(rows.map((row) => [row.service_id, row.n]));
    },

    /** The services a person applied to, with when they last did, newest first. */
    async findLastApplied(personId: string, limit: number): Promise<{ serviceId: string; at: Date }[]> {
      const rows = await repo.findLastAppliedServices(db, personId, limit);
      return rows.map((row) => ({ serviceId: row.service_id, at: new Date(row.submitted_at) }));
    },
  };
}
