import type { JobHandler } from '../../platform/jobs.ts';

/**
 * Delivery of notifications. Today the one channel is the in-hall message
 * list; WeCom and SMS join it with the binding issue. Each handler is
 * idempotent: one message per job, whatever the number of attempts.
 */
export function createNotifyHandlers(): Record<string, JobHandler> {
  return {
    'notify.task_assigned': async (job, db) => {
      const p = job.payload as { personId: string; applicationId: string; title: string; nodeName: string };
      await db
        .insertInto('message')
        .values({ job_id: job.id, person_id: p.personId, title: '您有新的待办', body: `${p.title}（${p.nodeName}）等待您审批`, link: `/applications/${p.applicationId}` })
        .onConflict((oc) => oc.column('job_id').doNothing())
        .execute();
    },
    'notify.application_ended': async (job, db) => {
      const p = job.payload as { personId: string; applicationId: string; title: string; outcome: 'approved' | 'rejected' };
      await db
        .insertInto('message')
        .values({ job_id: job.id, person_id: p.personId, title: p.outcome === 'approved' ? '申请已通过' : '申请已驳回', body: p.title, link: `/applications/${p.applicationId}` })
        .onConflict((oc) => oc.column('job_id').doNothing())
        .execute();
    },
  };
}
