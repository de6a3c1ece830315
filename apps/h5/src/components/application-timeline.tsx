import { Steps } from 'antd-mobile';
import { timelineActionText, type FormRefsDto, type TimelineAction, type TimelineEntryDto } from '@onehall/contracts';
import type { FormDefinition } from '@onehall/forms';
import { displayValue } from '../lib/display-value.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';

// Actions that hand something to the people they name read "转交给 王网管";
// the others read "加签 李运维", "抄送 张三、李四".
const handedTo: Partial<Record<TimelineAction, string>> = { transfer: '转交给', delegate: '委派给', reassign: '管理员改派给' };

/** The headline of an entry: the action in Chinese, with the people it names. */
export function timelineHeadline(entry: TimelineEntryDto): string {
  // The server names the specific form: "前加签", "退回到“部门负责人审批”".
  const text = entry.note ?? timelineActionText[entry.action].zh;
  if (entry.people.length === 0) return text;
  // A reassignment names the new assignee first, then the one replaced.
  const named = entry.action === 'reassign' ? entry.people.slice(0, 1) : entry.people;
  return `${handedTo[entry.action] ?? text} ${named.join('、')}`;
}

/** What the entry's text is: an approver's opinion, a comment, a reason. */
const opinionLabel: Partial<Record<TimelineAction, string>> = { comment: '评论', answer: '回复意见', withdraw: '撤回原因', cc: '抄送说明' };

const isStop = (action: TimelineAction) => action === 'reject' || action === 'terminate';

/** What a resubmission changed, field by field: "变更说明：旧 → 新". */
function Changes({ changes, form, refs }: { changes: TimelineEntryDto['changes']; form: FormDefinition; refs?: FormRefsDto | undefined }) {
  if (changes.length === 0) return null;
  return (
    <ul className="timeline__changes" aria-label="修改内容">
      {changes.map((change) => {
        const field = form.fields.find((candidate) => candidate.key === change.key);
        return (
          <li key={change.key} className="timeline__change">
            <span className="timeline__change-label">{change.label}</span>：<del>{displayValue(field, change.from, refs)}</del> → <ins>{displayValue(field, change.to, refs)}</ins>
          </li>
        );
      })}
    </ul>
  );
}

/** 审批记录: every action on the application, oldest first. */
export function ApplicationTimeline({ entries, form, refs }: { entries: TimelineEntryDto[]; form: FormDefinition; refs?: FormRefsDto | undefined }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 className="card__title" id="timeline-title">
        审批记录
      </h2>
      {entries.length === 0 ? (
        <p className="muted">暂无记录</p>
      ) : (
        <Steps direction="vertical" className="timeline">
          {entries.map((entry) => (
            <Steps.Step
              key={entry.id}
              status={isStop(entry.action) ? 'error' : 'finish'}
              title={
                // Who, then what: "李运维 加签 张信息" reads as one sentence.
                <span className="timeline__title" data-action={entry.action}>
                  {entry.actorName && <span className="timeline__actor">{entry.actorName}</span>}
                  <span className="timeline__action">{timelineHeadline(entry)}</span>
                </span>
              }
              description={
                <span className="timeline__body">
                  {entry.nodeName && <span className="timeline__node">{entry.nodeName}</span>}
                  <Changes changes={entry.changes} form={form} refs={refs} />
                  {entry.opinion && (
                    <span className="timeline__opinion">
                      {opinionLabel[entry.action] ?? '审批意见'}：{entry.opinion}
                    </span>
                  )}
                  <time className="timeline__time" dateTime={entry.at}>
                    {formatDateTime(entry.at)}
                  </time>
                </span>
              }
            />
          ))}
        </Steps>
      )}
    </section>
  );
}
