import { useEffect, useState, type FormEvent } from 'react';
import { Button, Steps } from 'antd-mobile';
import { Toast } from '../components/overlays.tsx';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { Guide, PathPreviewDto, ServiceDetailDto } from '@onehall/contracts';
import { todayInShanghai, type FormValues } from '@onehall/forms';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { FavoriteToggle } from '../components/favorite-toggle.tsx';
import { CopyNotice } from '../components/copy-notice.tsx';
import type { DraftValues } from '../components/form-field-control.tsx';
import { FormFields } from '../components/form-fields.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ServiceIcon } from '../components/service-icon.tsx';
import { useCopySource } from '../hooks/use-copy-source.ts';
import { useFormDraft } from '../hooks/use-form-draft.ts';
import { useServerDraft, type ServerDraft } from '../hooks/use-server-draft.ts';
import { usePrefill } from '../hooks/use-prefill.ts';
import { DraftNotice } from '../components/draft-notice.tsx';
import { useMe } from '../session/session-store.ts';
import { useLoad } from '../hooks/use-load.ts';
import { newIdempotencyKey } from '../lib/idempotency-key.ts';
import { t } from '../i18n/translate.ts';

/** 流程发布页面: a service's guide, its approval steps and its form. */
export default function ServicePage() {
  const { code = '' } = useParams();
  const service = useLoad(() => hallApi.getService(code), [code]);
  // 再次申请 opens this page with ?from=<application id>: the form starts from that application's values.
  const [searchParams] = useSearchParams();
  const copy = useCopySource(code, searchParams.get('from'));
  // 草稿: the server's copy of my draft, asked for with the service (not when starting from a copy).
  const serverDraft = useServerDraft(code, { skip: searchParams.get('from') !== null });

  return (
    <div className="service-page">
      <PageHeader
        title={service.data?.name ?? t('pages.service.title')}
        backTo="/hall"
        right={service.data && <FavoriteToggle code={service.data.code} isFavorite={service.data.isFavorite} onChange={(isFavorite) => service.data && service.setData({ ...service.data, isFavorite })} />}
      />
      {service.loading && !service.data && <PageLoading />}
      {/* A service that is not for this person stays so: no 重试 then. */}
      {service.error != null && <LoadError error={service.error} onRetry={service.error instanceof ApiError && service.error.code === 'SERVICE_NOT_FOR_AUDIENCE' ? undefined : service.reload} />}
      {service.data && (
        <>
          <section className="card service-page__summary">
            <ServiceIcon icon={service.data.icon} />
            <div>
              <h2 className="service-page__name">{service.data.name}</h2>
              <p className="muted">{service.data.departmentName}</p>
            </div>
          </section>
          {service.data.summary && <p className="service-page__intro">{service.data.summary}</p>}
          <GuideSection guide={service.data.guide} />
          <StepsSection steps={service.data.steps} />
          {copy.ready && <CopyNotice copy={copy} form={service.data.form} />}
          {copy.ready && serverDraft.ready && <ApplicationForm service={service.data} initial={copy.initial} serverDraft={serverDraft} />}
        </>
      )}
    </div>
  );
}

/** 办事指南 */
function GuideSection({ guide }: { guide: Guide }) {
  return (
    <section className="card" aria-labelledby="guide-title">
      <h2 className="card__title" id="guide-title">
        {t('pages.service.guide')}
      </h2>
      <dl className="guide">
        <dt>{t('pages.service.guide.purpose')}</dt>
        <dd>{guide.purpose}</dd>
        <dt>{t('pages.service.guide.audience')}</dt>
        <dd>{guide.audience}</dd>
        <dt>{t('pages.service.guide.materials')}</dt>
        <dd>
          {guide.materials.length === 0 ? (
            t('pages.service.guide.noMaterials')
          ) : (
            <ol className="guide__materials">
              {guide.materials.map((material, index) => (
                <li key={index}>{material}</li>
              ))}
            </ol>
          )}
        </dd>
        <dt>{t('pages.service.guide.timeLimit')}</dt>
        <dd>{guide.timeLimit}</dd>
        <dt>{t('pages.service.guide.process')}</dt>
        <dd className="pre-line">{guide.process}</dd>
        <dt>{t('pages.service.guide.department')}</dt>
        <dd>{guide.departmentName}</dd>
        <dt>{t('pages.service.guide.phone')}</dt>
        <dd>
          <a href={`tel:${guide.contactPhone.replace(/[^\d+]/g, '')}`}>{guide.contactPhone}</a>
        </dd>
        {guide.location && (
          <>
            <dt>{t('pages.service.guide.location')}</dt>
            <dd>{guide.location}</dd>
          </>
        )}
        {guide.notes && (
          <>
            <dt>{t('pages.service.guide.notes')}</dt>
            <dd className="pre-line">{guide.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** 审批流程: the approval steps a new application will pass. */
function StepsSection({ steps }: { steps: ServiceDetailDto['steps'] }) {
  if (steps.length === 0) return null;
  return (
    <section className="card" aria-labelledby="steps-title">
      <h2 className="card__title" id="steps-title">
        {t('pages.service.steps')}
      </h2>
      <Steps direction="vertical" current={-1} className="service-steps">
        {steps.map((step, index) => (
          <Steps.Step key={step.nodeId} title={step.name} status="wait" icon={<span className="step-number">{index + 1}</span>} />
        ))}
      </Steps>
    </section>
  );
}

function ApplicationForm({ service, initial, serverDraft }: { service: ServiceDetailDto; initial?: DraftValues | undefined; serverDraft: ServerDraft }) {
  const navigate = useNavigate();
  const me = useMe();
  // The form is kept on the phone as it is filled in, per person, service and form version, and on the server (草稿).
  const draft = useFormDraft(service.form, initial, { storage: me ? { personId: me.personId, serviceCode: service.code, formVersion: service.formVersion } : null, server: serverDraft });
  usePrefill(service, draft, { skip: Boolean(initial) || draft.restoredAt !== null });
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key per opening of the page: a double tap, or a retry after a lost
  // answer, returns the first application instead of creating a second.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const today = todayInShanghai();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    const values = draft.check(today);
    if (!values) return;
    setSubmitting(true);
    try {
      const application = await hallApi.submitApplication({ serviceCode: service.code, data: values, idempotencyKey });
      draft.forgetStored();
      Toast.show({ icon: 'success', content: t('pages.service.submitted') });
      await navigate(`/applications/${encodeURIComponent(application.id)}`, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isRedirected(error)) return;
      // A 4xx answer means nothing was created: the corrected form is a new attempt.
      // After a lost answer or a 5xx the outcome is unknown, so keep the key.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      if (error instanceof ApiError && error.code === 'FORM_INVALID' && error.detail?.fields?.length) {
        draft.showFieldErrors(error.detail.fields);
      }
      setFailure(describeError(error));
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  }

  return (
    <form className="card form-card" onSubmit={onSubmit} noValidate aria-labelledby="form-title">
      <h2 className="card__title" id="form-title">
        {t('pages.service.form')}
      </h2>
      {draft.restoredAt !== null && <DraftNotice onReset={draft.reset} />}
      <FormFields form={service.form} draft={draft} today={today} />
      <PathPreview service={service} values={draft.evaluation.values} />
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <Button type="submit" color="primary" size="large" block loading={submitting} className="form-card__submit">
        {t('pages.service.submit')}
      </Button>
    </form>
  );
}

/**
 * 审批人预览: the steps this application would pass, with their concrete
 * approvers for what is filled in now (conditions on the form can change
 * them), fetched a moment after typing stops.
 */
function PathPreview({ service, values }: { service: ServiceDetailDto; values: FormValues }) {
  const [preview, setPreview] = useState<PathPreviewDto | null>(null);
  const key = JSON.stringify(values);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      // The values as the package normalises them (numbers as numbers, computed fields computed), as the submit will send them.
      hallApi.previewPath(service.code, values).then(
        (result) => current && setPreview(result),
        () => current && setPreview(null),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for `values`: the preview refreshes when what is filled in changes.
  }, [service, key]);
  if (!preview || preview.steps.length === 0) return null;
  return (
    <section className="path-preview" aria-labelledby="path-preview-title" data-testid="path-preview">
      <h3 className="path-preview__title" id="path-preview-title">
        {t('pages.service.preview')}
      </h3>
      <ol className="path-preview__steps">
        {preview.steps.map((step) => (
          <li key={step.nodeId} className={step.blocked ? 'path-preview__step path-preview__step--blocked' : 'path-preview__step'}>
            <span className="path-preview__name">
              {step.type === 'cc' ? t('pages.service.preview.cc') : ''}
              {step.name}
            </span>
            <span className="path-preview__people">
              {step.blocked
                ? t('pages.service.preview.blocked')
                : step.autoPass
                  ? t('pages.service.preview.autoPass')
                  : step.chosenLater
                    ? t('pages.service.preview.chosenLater')
                    : step.people.map((person) => person.name).join(t('pages.listSeparator')) || '—'}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
