import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** SQL of the workflow module's activity figures, read by 我的服务 (热门服务, 最近使用). */

/** Applications submitted since a moment, per service (index application_submitted_service_idx). */
export async function countApplicationsByServiceSince(db: Executor, since: Date): Promise<{ service_id: string; n: number }[]> {
  return db
    .selectFrom('application')
    .select(['service_id', sql<number>`count(*)::int`.as('n')])
    .where('submitted_at', '>=', since)
    .groupBy('service_id')
    .execute();
}

/** The services a person applied to, with the latest submit of each, newest first (index application_sent_idx). */
export function findLastAppliedServices(db: Executor, personId: string, limit: number) {
  return db
    .selectFrom('application')
    .select(['service_id', (eb) => eb.fn.max('submitted_at').as('submitted_at')])
    .where('applicant_person_id', '=', personId)
    .groupBy('service_id')
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
}
