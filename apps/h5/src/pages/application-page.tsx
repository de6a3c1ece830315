import { useState } from 'react';
import { Button, Steps, Toast } from 'antd-mobile';
import { useParams } from 'react-router';
import { timelineActionText, type ApplicationDetailDto, type TimelineEntryDto } from '@onehall/contracts';
import type { FormField } from '@onehall/forms';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { DecisionPopup, type Decision } from '../components/decision-popup.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { useMe } from '../session/session-store.ts';

/** How a stored value reads: choices by their label, not their code. */
function displayValue(field: FormField, value: string | number | undefined): string {
  if (value === undefined || value === '') return '—';
  if (field.type === 'select' || field.type === 'radio') {
    return field.options.find((option) => option.value === String(value))?.label ?? String(value);
  }
  return String(value);
}

// Codes after which the detail on screen is stale: someone else acted first.
const staleCodes = new Set(['TASK_ALREADY_HANDLED', 'APPLICATION_ENDED', 'NOT_ASSIGNEE', 'CONCURRENT_UPDATE', 'TASK_NOT_FOUND']);

/** 详情: one application, its data, its approval record and, for its approver, 同意 / 驳回. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const detail = useLoad(() => hallApi.getApplication(id), [id]);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const application = detail.data;
  const isMine = application !== null && me !== null && application.applicant.personId === me.personId;

  async function decide(opinion: string) {
    const taskId = application?.myTaskId;
    if (!decision || !taskId || submitting) return;
    setSubmitting(true);
    try {
      const answer = decision === 'approve' ? await hallApi.approveTask(taskId, { opinion }) : await hallApi.rejectTask(taskId, { opinion });
      detail.setData(answer);
      setDecision(null);
      Toast.show({ icon: 'success', content: decision === 'approve' ? '已同意' : '已驳回' });
    } catch (error) {
      if (isRedirected(error)) return;
      Toast.show({ icon: 'fail', content: describeError(error) });
      if (error instanceof ApiError && staleCodes.has(error.code)) {
        setDecision(null);
        detail.reload();
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className={application?.myTaskId ? 'application-page application-page--with-actions' : 'application-page'}>
      <PageHeader title="详情" backTo={isMine ? '/sent' : '/received'} />
      {detail.loading && !application && <PageLoading />}
      {detail.error != null && !application && <LoadError error={detail.error} onRetry={detail.reload} />}
      {application && (
        <>
          <ApplicationHeader application={application} />
          <ApplicationData application={application} />
          {application.status === 'running' && <CurrentStep application={application} />}
          <Timeline entries={application.timeline} />
          {application.myTaskId && (
            <div className="action-bar" role="group" aria-label="审批操作">
              <Button className="action-bar__button" color="danger" fill="outline" onClick={() => setDecision('reject')}>
                驳回
              </Button>
              <Button className="action-bar__button" color="primary" onClick={() => setDecision('approve')}>
                同意
              </Button>
            </div>
          )}
          <DecisionPopup decision={decision} submitting={submitting} onClose={() => setDecision(null)} onConfirm={(opinion) => void decide(opinion)} />
        </>
      )}
    </div>
  );
}

function ApplicationHeader({ application }: { application: ApplicationDetailDto }) {
  const { applicant } = application;
  return (
    <section className="card application-header">
      <div className="application-header__top">
        <h2 className="application-header__name">{application.serviceName}</h2>
        <StatusTag status={application.status} />
      </div>
      <dl className="kv-list">
        <div className="kv-list__row">
          <dt>流水号</dt>
          <dd>{application.serialNo}</dd>
        </div>
        <div className="kv-list__row">
          <dt>申请人</dt>
          <dd>{applicant.departmentName ? `${applicant.name}（${applicant.departmentName}）` : applicant.name}</dd>
        </div>
        <div className="kv-list__row">
          <dt>提交时间</dt>
          <dd>{formatDateTime(application.submittedAt)}</dd>
        </div>
        {application.endedAt && (
          <div className="kv-list__row">
            <dt>办结时间</dt>
            <dd>{formatDateTime(application.endedAt)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function ApplicationData({ application }: { application: ApplicationDetailDto }) {
  return (
    <section className="card" aria-labelledby="data-title">
      <h2 className="card__title" id="data-title">
        申请内容
      </h2>
      <dl className="kv-list">
        {application.form.fields.map((field) => (
          <div className="kv-list__row" key={field.key} data-field={field.key}>
            <dt>{field.label}</dt>
            <dd className="pre-line">{displayValue(field, application.data[field.key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The node the application waits at, and the people it waits for. */
function CurrentStep({ application }: { application: ApplicationDetailDto }) {
  if (!application.currentNodeName) return null;
  return (
    <section className="card" aria-labelledby="current-title">
      <h2 className="card__title" id="current-title">
        当前步骤
      </h2>
      <dl className="kv-list">
        <div className="kv-list__row">
          <dt>审批节点</dt>
          <dd>{application.currentNodeName}</dd>
        </div>
        <div className="kv-list__row">
          <dt>审批人</dt>
          <dd>{application.currentApprovers.length > 0 ? application.currentApprovers.join('、') : '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

/** 审批记录 */
function Timeline({ entries }: { entries: TimelineEntryDto[] }) {
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
              status={entry.action === 'reject' ? 'error' : 'finish'}
              title={
                <span className="timeline__title">
                  <span className="timeline__action">{timelineActionText[entry.action].zh}</span>
                  {entry.actorName && <span className="timeline__actor">{entry.actorName}</span>}
                </span>
              }
              description={
                <span className="timeline__body">
                  {entry.nodeName && <span className="timeline__node">{entry.nodeName}</span>}
                  {entry.opinion && <span className="timeline__opinion">审批意见：{entry.opinion}</span>}
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
