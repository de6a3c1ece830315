import '../styles/pages.css';
import { useState } from 'react';
import { Button, Dialog } from 'antd-mobile';
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
      title: '解除绑定',
      content: `确定解除手机号 ${phone ?? ''} 与本人账号的绑定吗？解除后，本人在所有设备上的登录都将结束。`,
      confirmText: <span className="journey-dialog__danger">解除绑定</span>,
      cancelText: '取消',
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
      <PageHeader title="解除绑定" backTo="/unbind" />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data && !binding.data.bound && (
        <EmptyState title="您尚未绑定，无需解除" description="可以直接进行用户注册。">
          <div className="journey-result__actions">
            <Button color="primary" onClick={() => void navigate('/register/phone', { replace: true })}>
              用户注册
            </Button>
            <Button onClick={() => void navigate('/', { replace: true })}>返回首页</Button>
          </div>
        </EmptyState>
      )}
      {binding.data?.bound && (
        <section className="card" aria-labelledby="unbind-current">
          <h2 className="card__title" id="unbind-current">
            当前绑定
          </h2>
          <dl className="kv-list">
            {me && (
              <>
                <div className="kv-list__row">
                  <dt>姓名</dt>
                  <dd>{me.name}</dd>
                </div>
                <div className="kv-list__row">
                  <dt>{me.kind === 'student' ? '学号' : '工号'}</dt>
                  <dd>{me.accountNo}</dd>
                </div>
              </>
            )}
            <div className="kv-list__row">
              <dt>绑定手机号</dt>
              <dd data-testid="bound-phone">{binding.data.phone}</dd>
            </div>
            {binding.data.boundAt && (
              <div className="kv-list__row">
                <dt>绑定时间</dt>
                <dd>{formatDateTime(binding.data.boundAt)}</dd>
              </div>
            )}
            {binding.data.wecom && (
              <div className="kv-list__row">
                <dt>企业微信</dt>
                <dd>已关联</dd>
              </div>
            )}
          </dl>
          <p className="journey-page__warning">解除绑定后，本人在所有手机和电脑上的登录都将结束，需要重新登录。</p>
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <Button block color="danger" size="large" loading={submitting} onClick={() => void onUnbind(binding.data?.phone ?? null)}>
            解除绑定
          </Button>
        </section>
      )}
    </div>
  );
}
