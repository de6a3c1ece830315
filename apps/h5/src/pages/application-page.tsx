import { useEffect, useMemo } from 'react';
import { evaluateForm, todayInShanghai } from '@onehall/forms';
import { Button } from 'antd-mobile';
import type { ApplicationDetailDto } from '@onehall/contracts';
import { Link, useNavigate, useParams } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationActionBar, hasActionBar } from '../components/application-action-bar.tsx';
import { ApplicationPath } from '../components/application-path.tsx';
import { ApplicationTimeline } from '../components/application-timeline.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { FieldValue, isBlockValue } from '../components/field-value.tsx';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { useMe } from '../session/session-store.ts';
import { t } from '../i18n/translate.ts';

/** 详情: one application, its data, its approval record, and the actions the viewer may take on it. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const detail = useLoad(() => hallApi.getApplication(id), [id]);
  const application = detail.data;
  const isMine = application !== null && me !== null && application.applicant.personId === me.personId;
  useCopyReadReceipt(application);

  return (
    <div className={application && hasActionBar(application) ? 'application-page application-page--with-actions' : 'application-page'}>
      <PageHeader
        title={t('pages.application.title')}
        backTo={isMine ? '/sent' : '/received'}
        right={
          application && (
            <Link to={`/applications/${encodeURIComponent(application.id)}/print`} className="page-header__link">
              {t('pages.printExport')}
            </Link>
          )
        }
      />
      {detail.loading && !application && <PageLoading />}
      {detail.error != null && !application && <LoadError error={detail.error} onRetry={detail.reload} />}
      {application && (
        <>
          <ApplicationHeader application={application} isMine={isMine} />
          {application.status === 'returned' && <ReturnedNotice application={application} isMine={isMine} />}
          <ApplicationData application={application} />
          {application.myTask?.waiting && (
            <section className="card returned-notice" aria-live="polite">
              <p className="returned-notice__reason">{t('pages.application.waiting', { names: application.myTask.waitingFor.map((person) => person.name).join(t('pages.listSeparator')) })}</p>
            </section>
          )}
          {application.status === 'running' && <CurrentStep application={application} />}
          <ApplicationPath steps={application.path ?? []} />
          <ApplicationTimeline entries={application.timeline} form={application.form} refs={application.refs} />
          <ApplicationActionBar application={application} viewerId={me?.personId} onChanged={detail.setData} onStale={detail.reload} />
        </>
      )}
    </div>
  );
}

/**
 * Opening an application copied to me (抄送) is the read receipt — also
 * when I am its approver as well, or copied it on myself.
 */
function useCopyReadReceipt(application: ApplicationDetailDto | null) {
  const id = application?.id;
  const isCopy = application?.copiedToMe === true;
  useEffect(() => {
    if (id && isCopy) hallApi.markCopyRead(id).catch(() => {});
  }, [id, isCopy]);
}

function ApplicationHeader({ application, isMine }: { application: ApplicationDetailDto; isMine: boolean }) {
  const { applicant } = application;
  const navigate = useNavigate();
  return (
    <section className="card application-header">
      <div className="application-header__top">
        <h2 className="application-header__name">{application.serviceName}</h2>
        <StatusTag status={application.status} />
      </div>
      {isMine && (
        <Button
          size="mini"
          color="primary"
          fill="outline"
          className="application-header__again"
          // 再次申请: the service's form, filled in with this application's values.
          onClick={() => void navigate(`/services/${encodeURIComponent(application.serviceCode)}?from=${encodeURIComponent(application.id)}`)}
        >
          {t('pages.application.again')}
        </Button>
      )}
      <dl className="kv-list">
        <div className="kv-list__row">
          <dt>{t('pages.serialNo')}</dt>
          <dd>{application.serialNo}</dd>
        </div>
        <div className="kv-list__row">
          <dt>{t('pages.applicant')}</dt>
          <dd>{applicant.departmentName ? t('pages.personWithDepartment', { name: applicant.name, department: applicant.departmentName }) : applicant.name}</dd>
        </div>
        <div className="kv-list__row">
          <dt>{t('pages.submittedAt')}</dt>
          <dd>{formatDateTime(application.submittedAt)}</dd>
        </div>
        {application.endedAt && (
          <div className="kv-list__row">
            <dt>{t('pages.endedAt')}</dt>
            <dd>{formatDateTime(application.endedAt)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function ApplicationData({ application }: { application: ApplicationDetailDto }) {
  // The stored values are read as stored (writable mode with nothing writable): only visibility is asked.
  const shown = useMemo(() => evaluateForm(application.form, {}, { today: todayInShanghai(), writable: [], current: application.data }).visible, [application.form, application.data]);
  return (
    <section className="card" aria-labelledby="data-title">
      <h2 className="card__title" id="data-title">
        {t('pages.formContents')}
      </h2>
      <dl className="kv-list">
        {/* A description has no value; a field its condition hid when the form was filled in is not shown. */}
        {application.form.fields
          .filter((field) => field.type !== 'description' && shown.has(field.key))
          .map((field) => (
            <div className={isBlockValue(field) ? 'kv-list__row kv-list__row--block' : 'kv-list__row'} key={field.key} data-field={field.key}>
              <dt>{field.label}</dt>
              <dd className="pre-line">
                <FieldValue field={field} value={application.data[field.key]} refs={application.refs} />
              </dd>
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
        {t('pages.application.current')}
      </h2>
      <dl className="kv-list">
        <div className="kv-list__row">
          <dt>{t('pages.nodeName')}</dt>
          <dd>{application.currentNodeName}</dd>
        </div>
        <div className="kv-list__row">
          <dt>{t('pages.application.approvers')}</dt>
          <dd>{application.currentApprovers.length > 0 ? application.currentApprovers.join(t('pages.listSeparator')) : '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * An application sent back to its applicant: why, and (to the applicant)
 * what to do next. The reason is the latest send-back's opinion.
 */
function ReturnedNotice({ application, isMine }: { application: ApplicationDetailDto; isMine: boolean }) {
  // (No findLast: WeCom's older browser engines lack it.)
  const sentBack = [...application.timeline].reverse().find((entry) => entry.action === 'sendBack');
  return (
    <section className="card returned-notice" aria-labelledby="returned-title">
      <h2 className="card__title" id="returned-title">
        {isMine ? t('pages.application.returnedMine') : t('pages.application.returnedOther')}
      </h2>
      {sentBack && (
        <p className="returned-notice__reason">
          {t('pages.labelled', { label: sentBack.actorName ?? t('pages.application.approver'), value: sentBack.opinion ?? t('pages.application.noOpinion') })}
        </p>
      )}
    </section>
  );
}
