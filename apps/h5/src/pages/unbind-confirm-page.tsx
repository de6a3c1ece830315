import '../styles/pages.css';
import { useState } from 'react';
import { Button } from 'antd-mobile';
import { Dialog } from '../components/overlays.tsx';
import { useNavigate } from 'react-router';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLoginAgain } from '../hooks/use-fresh-login.ts';
import { useLoad } from '../hooks/use-load.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { useMe } from '../session/session-store.ts';
import { t } from '../i18n/translate.ts';

/**
 * 解除绑定, the confirmation (manual 3.2): whose binding and which phone,
 * then 解除绑定 behind a confirm dialog. The server ends every session of
 * the person, this one too; the done page is outside the session gate.
 */
export default function UnbindConfirmPage() {
  const me = useMe();
  const navigate = useNavigate();
  const binding = useLoad(() => hallApi.getBinding(), []);
  const loginAgain = useLoginAgain('/unbind/confirm');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function onUnbind(phone: string | null) {
    const confirmed = await Dialog.confirm({
      title: t('pages.unbind'),
      content: t('pages.unbind.confirm', { phone: phone ?? '' }),
      confirmText: <span className="journey-dialog__danger">{t('pages.unbind')}</span>,
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    setSubmitting(true);
    setFailure(null);
    try {
      await hallApi.unbind();
      await navigate('/unbind/done', { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isRedirected(error)) return;
      const code = error instanceof ApiError ? error.code : null;
      if (code === 'LOGIN_NOT_FRESH') await loginAgain();
      else if (code === 'NOT_BOUND') binding.reload();
      else setFailure(describeError(error));
    }
  }

  return (
    <div className="journey-page">
      <PageHeader title={t('pages.unbind')} backTo="/unbind" />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data && !binding.data.bound && (
        <EmptyState title={t('pages.unbind.notBound')} description={t('pages.unbind.notBoundHint')}>
          <div className="journey-result__actions">
            <Button color="primary" onClick={() => void navigate('/register/phone', { replace: true })}>
              {t('pages.register')}
            </Button>
            <Button onClick={() => void navigate('/', { replace: true })}>{t('pages.backHome')}</Button>
          </div>
        </EmptyState>
      )}
      {binding.data?.bound && (
        <section className="card" aria-labelledby="unbind-current">
          <h2 className="card__title" id="unbind-current">
            {t('pages.unbind.current')}
          </h2>
          <dl className="kv-list">
            {me && (
              <>
                <div className="kv-list__row">
                  <dt>{t('pages.unbind.name')}</dt>
                  <dd>{me.name}</dd>
                </div>
                <div className="kv-list__row">
                  <dt>{me.kind === 'student' ? t('pages.studentNo') : t('pages.staffNo')}</dt>
                  <dd>{me.accountNo}</dd>
                </div>
              </>
            )}
            <div className="kv-list__row">
              <dt>{t('pages.unbind.phone')}</dt>
              <dd data-testid="bound-phone">{binding.data.phone}</dd>
            </div>
            {binding.data.boundAt && (
              <div className="kv-list__row">
                <dt>{t('pages.unbind.boundAt')}</dt>
                <dd>{formatDateTime(binding.data.boundAt)}</dd>
              </div>
            )}
            {binding.data.wecom && (
              <div className="kv-list__row">
                <dt>{t('pages.unbind.wecom')}</dt>
                <dd>{t('pages.unbind.wecomLinked')}</dd>
              </div>
            )}
          </dl>
          <p className="journey-page__warning">{t('pages.unbind.warning')}</p>
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <Button block color="danger" size="large" loading={submitting} onClick={() => void onUnbind(binding.data?.phone ?? null)}>
            {t('pages.unbind')}
          </Button>
        </section>
      )}
    </div>
  );
}
