import { Steps } from 'antd-mobile';
import type { FormRefsDto, TimelineEntryDto } from '@onehall/contracts';
import { timelineActionText, type TimelineAction } from '@onehall/contracts/plain';
import type { FormDefinition } from '@onehall/forms';
import { ResubmitChanges } from './resubmit-changes.tsx';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { language } from '../i18n/language.ts';
import { pick, t } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh.ts';
import { joinList } from '../lib/form-text.ts';

// Actions that hand something to the people they name read "转交给 王网管";
// the others read "加签 李运维", "抄送 张三、李四".
const handedTo: Partial<Record<TimelineAction, MessageKey>> = { transfer: 'components.timeline.transferTo', delegate: 'components.timeline.delegateTo', reassign: 'components.timeline.reassignTo' };

/**
 * The server's note in English. It names the specific form in Chinese
 * ("前加签", "退回申请人", "退回到“部门负责人审批”"); the shapes it can take
 * are read back, and anything else falls back to the action's own words.
 */
function noteInEnglish(entry: TimelineEntryDto): string {
  const note = entry.note ?? '';
  const positions: Readonly<Record<string, 'before' | 'after' | 'parallel'>> = { 前加签: 'before', 后加签: 'after', 并加签: 'parallel' };
  const position = Object.hasOwn(positions, note) ? positions[note] : undefined;
  if (position) return t(`components.signer.${position}`);
  if (note === '退回申请人') return t('components.sendBack.applicant');
  const step = /^退回到“(.+)”$/.exec(note)?.[1];
  if (step) return t('components.sendBack.step', { step });
  return timelineActionText[entry.action].en;
}

/** The headline of an entry: the action in the page's language, with the people it names. */
export function timelineHeadline(entry: TimelineEntryDto): string {
  // The server names the specific form: "前加签", "退回到“部门负责人审批”".
  const text = entry.note === null ? pick(timelineActionText[entry.action]) : language === 'en' ? noteInEnglish(entry) : entry.note;
  if (entry.people.length === 0) return text;
  // A reassignment names the new assignee first, then the one replaced.
  const named = entry.action === 'reassign' ? entry.people.slice(0, 1) : entry.people;
  const handed = handedTo[entry.action];
  return `${handed ? t(handed) : text} ${joinList(named)}`;
}

/** What the entry's text is: an approver's opinion, a comment, a reason (审批意见 unless another). */
export function timelineOpinionLabel(action: TimelineAction): string {
  const keys: Partial<Record<TimelineAction, MessageKey>> = { comment: 'components.timeline.comment', answer: 'components.timeline.answer', withdraw: 'components.timeline.withdraw', cc: 'components.timeline.cc' };
  return t(keys[action] ?? 'components.timeline.opinion');
}

const isStop = (action: TimelineAction) => action === 'reject' || action === 'terminate';

/** 审批记录: every action on the application, oldest first. */
export function ApplicationTimeline({ entries, form, refs }: { entries: TimelineEntryDto[]; form: FormDefinition; refs?: FormRefsDto | undefined }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 className="card__title" id="timeline-title">
        {t('components.timeline.title')}
      </h2>
      {entries.length === 0 ? (
        <p className="muted">{t('components.timeline.empty')}</p>
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
                  <ResubmitChanges changes={entry.changes} unchanged={entry.unchanged} form={form} refs={refs} />
                  {entry.opinion && (
                    <span className="timeline__opinion">
                      {t('components.labelled', { label: timelineOpinionLabel(entry.action), value: entry.opinion })}
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
