import { useState, type FormEvent } from 'react';
import { Button } from 'antd-mobile';
import { Popup, Toast } from '../components/overlays.tsx';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApplicationDetailDto } from '@onehall/contracts';
import { changedFields, todayInShanghai, type FieldChange, type FormValues } from '@onehall/forms';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { FormFields } from '../components/form-fields.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ResubmitChanges } from '../components/resubmit-changes.tsx';
import { toDraftValues, useFormDraft } from '../hooks/use-form-draft.ts';
import { useIntentKey } from '../hooks/use-intent-key.ts';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';
import '../styles/resubmit.css';

/** 重新提交: the applicant corrects an application that was sent back and sends it again. */
export default function ResubmitPage() {
  const { id = '' } = useParams();
  const detail = useLoad(() => hallApi.getApplication(id), [id]);
  const application = detail.data;
  const detailPath = `/applications/${encodeURIComponent(id)}`;

  return (
    <div className="resubmit-page">
      <PageHeader title={t('resubmit.title')} backTo={detailPath} />
      {detail.loading && !application && <PageLoading />}
      {detail.error != null && !application && <LoadError error={detail.error} onRetry={detail.reload} />}
      {application &&
        (application.can.resubmit ? (
          <ResubmitForm application={application} detailPath={detailPath} />
        ) : (
          <EmptyState title={t('resubmit.notNeeded')}>
            <Link to={detailPath} replace>
              {t('resubmit.viewDetail')}
            </Link>
          </EmptyState>
        ))}
    </div>
  );
}

function ResubmitForm({ application, detailPath }: { application: ApplicationDetailDto; detailPath: string }) {
  const navigate = useNavigate();
  // The form starts from what was submitted; the person changes what the approver asked for.
  const draft = useFormDraft(application.form, toDraftValues(application.data));
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const intent = useIntentKey();
  const today = todayInShanghai();
  const sentBack = [...application.timeline].reverse().find((entry) => entry.action === 'sendBack');
  // The checked values waiting for the person's confirmation, with what they change.
  const [confirming, setConfirming] = useState<{ values: FormValues; changes: FieldChange[] } | null>(null);

  /** Checks the form, then shows what changed since the send-back before anything is sent. */
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    const values = draft.check(today);
    if (!values) return;
    // The same comparison the server records with the resubmit (the application's data is the version sent back).
    setConfirming({ values, changes: changedFields(application.data, values, application.form) });
  }

  async function send(values: FormValues) {
    if (submitting) return;
    setSubmitting(true);
    try {
      await hallApi.resubmitApplication(application.id, { data: values, idempotencyKey: intent.current() });
      intent.settle();
      setConfirming(null);
      Toast.show({ icon: 'success', content: t('resubmit.done') });
      await navigate(detailPath, { replace: true });
    } catch (error) {
      intent.settle(error);
      setSubmitting(false);
      setConfirming(null);
      if (isRedirected(error)) return;
      if (error instanceof ApiError && error.code === 'FORM_INVALID' && error.detail?.fields?.length) draft.showFieldErrors(error.detail.fields);
      setFailure(describeError(error));
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  }

  return (
    <>
      <section className="card returned-notice" aria-labelledby="resubmit-title">
        <h2 className="card__title" id="resubmit-title">
          {application.serviceName}
        </h2>
        <p className="muted">{t('resubmit.serialNo', { serialNo: application.serialNo })}</p>
        {sentBack?.opinion && <p className="returned-notice__reason">{t('resubmit.reason', { name: sentBack.actorName ?? t('resubmit.approver'), opinion: sentBack.opinion })}</p>}
      </section>
      <form className="card form-card" onSubmit={onSubmit} noValidate aria-labelledby="form-title">
        <h2 className="card__title" id="form-title">
          {t('resubmit.formTitle')}
        </h2>
        <FormFields form={application.form} draft={draft} today={today} />
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <Button type="submit" color="primary" size="large" block loading={submitting} className="form-card__submit">
          {t('resubmit.submit')}
        </Button>
      </form>
      <Popup visible={confirming !== null} onMaskClick={() => !submitting && setConfirming(null)} bodyClassName="sheet resubmit-sheet" destroyOnClose>
        {confirming && (
          <div role="dialog" aria-labelledby="resubmit-confirm-title">
            <h2 className="resubmit-sheet__title" id="resubmit-confirm-title">
              {t(confirming.changes.length > 0 ? 'resubmit.confirm.title' : 'resubmit.confirm.unchangedTitle')}
            </h2>
            {confirming.changes.length > 0 ? (
              <>
                <p className="muted">{t('resubmit.confirm.count', { count: confirming.changes.length })}</p>
                <ResubmitChanges changes={confirming.changes} form={application.form} refs={application.refs} />
              </>
            ) : (
              <p className="muted">{t('resubmit.confirm.unchangedText')}</p>
            )}
            <div className="resubmit-sheet__actions">
              <Button block disabled={submitting} onClick={() => setConfirming(null)}>
                {t('resubmit.confirm.back')}
              </Button>
              <Button block color="primary" loading={submitting} onClick={() => void send(confirming.values)}>
                {t(confirming.changes.length > 0 ? 'resubmit.confirm.send' : 'resubmit.confirm.sendUnchanged')}
              </Button>
            </div>
          </div>
        )}
      </Popup>
    </>
  );
}
