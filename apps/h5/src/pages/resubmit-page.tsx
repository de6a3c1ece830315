import { useState, type FormEvent } from 'react';
import { Button, Toast } from 'antd-mobile';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApplicationDetailDto } from '@onehall/contracts';
import { todayInShanghai } from '@onehall/forms';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { FormFields } from '../components/form-fields.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { toDraftValues, useFormDraft } from '../hooks/use-form-draft.ts';
import { useIntentKey } from '../hooks/use-intent-key.ts';
import { useLoad } from '../hooks/use-load.ts';

/** 重新提交: the applicant corrects an application that was sent back and sends it again. */
export default function ResubmitPage() {
  const { id = '' } = useParams();
  const detail = useLoad(() => hallApi.getApplication(id), [id]);
  const application = detail.data;
  const detailPath = `/applications/${encodeURIComponent(id)}`;

  return (
    <div className="resubmit-page">
      <PageHeader title="修改并重新提交" backTo={detailPath} />
      {detail.loading && !application && <PageLoading />}
      {detail.error != null && !application && <LoadError error={detail.error} onRetry={detail.reload} />}
      {application &&
        (application.can.resubmit ? (
          <ResubmitForm application={application} detailPath={detailPath} />
        ) : (
          <EmptyState title="该申请当前无需重新提交">
            <Link to={detailPath} replace>
              查看申请详情
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

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    const values = draft.check(today);
    if (!values) return;
    setSubmitting(true);
    try {
      await hallApi.resubmitApplication(application.id, { data: values, idempotencyKey: intent.current() });
      intent.settle();
      Toast.show({ icon: 'success', content: '已重新提交' });
      await navigate(detailPath, { replace: true });
    } catch (error) {
      intent.settle(error);
      setSubmitting(false);
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
        <p className="muted">流水号 {application.serialNo}</p>
        {sentBack?.opinion && (
          <p className="returned-notice__reason">
            退回意见（{sentBack.actorName ?? '审批人'}）：{sentBack.opinion}
          </p>
        )}
      </section>
      <form className="card form-card" onSubmit={onSubmit} noValidate aria-labelledby="form-title">
        <h2 className="card__title" id="form-title">
          修改申请
        </h2>
        <FormFields form={application.form} draft={draft} today={today} />
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <Button type="submit" color="primary" size="large" block loading={submitting} className="form-card__submit">
          重新提交
        </Button>
      </form>
    </>
  );
}
