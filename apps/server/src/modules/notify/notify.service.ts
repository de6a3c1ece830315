import type { JobHandler } from '../../platform/jobs.ts';

/** What each workflow event tells the person, in the in-hall message list. */
const texts: Record<string, (title: string) => { title: string; body: string }> = {
  taskAssigned: (t) => ({ title: '您有新的待办', body: `${t}等待您审批` }),
  delegated: (t) => ({ title: '您收到一个委派', body: `请对${t}提出意见` }),
  urged: (t) => ({ title: '催办提醒', body: `申请人催促您尽快处理${t}` }),
  remind: (t) => ({ title: '待办即将超时', body: `${t}即将超过办理时限` }),
  cc: (t) => ({ title: '抄送给您', body: t }),
  returned: (t) => ({ title: '申请被退回', body: `${t}被退回，请修改后重新提交` }),
  ended: (t) => ({ title: '申请已办结', body: t }),
};

/** An ending, by how it ended (jobs written before the outcome was recorded say 申请已办结). */
const endings: Record<string, (title: string) => { title: string; body: string }> = {
  approved: (t) => ({ title: '申请已通过', body: `${t}已审批通过` }),
  rejected: (t) => ({ title: '申请被驳回', body: `${t}被驳回，申请已结束` }),
  withdrawn: (t) => ({ title: '申请已撤回', body: `${t}已由申请人撤回` }),
  terminated: (t) => ({ title: '申请已终止', body: `${t}已被管理员终止` }),
};

/**
 * Delivery of notifications. Today the one channel is the in-hall message
 * list; WeCom and SMS join it with the binding issue. Each handler is
 * idempotent: one message per job, whatever the number of attempts.
 */
export function createNotifyHandlers(): Record<string, JobHandler> {
  return {
    'notify.event': async (job, db) => {
      const p = job.payload as { event: string; personId: string; applicationId: string; title: string; outcome?: string };
      const text = ((p.event === 'ended' && p.outcome ? endings[p.outcome] : undefined) ?? texts[p.event] ?? texts.ended!)(p.title);
      await db
        .insertInto('message')
        .values({ job_id: job.id, person_id: p.personId, title: text.title, body: text.body, link: `/applications/${p.applicationId}` })
        .onConflict((oc) => oc.column('job_id').doNothing())
        .execute();
    },
  };
}
