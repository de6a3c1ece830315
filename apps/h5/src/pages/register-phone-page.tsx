import '../styles/pages.css';
import { useState, type FormEvent } from 'react';
import { Button, Input } from 'antd-mobile';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { useLoginAgain } from '../hooks/use-fresh-login.ts';
import { BoundNotice } from '../components/bound-notice.tsx';
import { JourneySteps } from '../components/journey-steps.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { checkMobilePhone, cleanPhone } from '../lib/phone.ts';
import { useMe } from '../session/session-store.ts';

/** What the SMS step is given: the number to verify. */
export interface RegisterCodeState {
  phone: string;
}

/**
 * 绑定手机号 (manual 1.3 ①): who is registering, and the phone number. A
 * person bound already is told so, with the way into the hall and 解除绑定.
 */
export default function RegisterPhonePage() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const binding = useLoad(() => hallApi.getBinding(), []);
  // Back from the SMS step: the number typed before.
  const [phone, setPhone] = useState(() => (location.state as Partial<RegisterCodeState> | null)?.phone ?? '');
  const [error, setError] = useState<string | null>(null);

  const loginAgain = useLoginAgain('/register/phone');
  const [binding_, setBinding] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const cleaned = cleanPhone(phone);
    const problem = checkMobilePhone(cleaned);
    setError(problem);
    if (problem || binding_) return;
    const state: RegisterCodeState = { phone: cleaned };
    // Kept in this history entry too, so 返回 from the SMS step shows the number again.
    void navigate('/register/phone', { replace: true, state });
    // Inside WeCom, the number WeCom holds for the member binds at once; any other number needs an SMS code.
    setBinding(true);
    try {
      await hallApi.bindPhone({ phone: cleaned });
      await navigate('/register/follow', { replace: true });
    } catch (failure) {
      const code = failure instanceof ApiError ? failure.code : null;
      if (code === 'PHONE_NOT_VERIFIED') await navigate('/register/code', { state });
      else if (code === 'LOGIN_NOT_FRESH') await loginAgain();
      else setError(describeError(failure));
    } finally {
      setBinding(false);
    }
  }

  return (
    <div className="journey-page">
      <PageHeader title="绑定手机号" backTo="/register" />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data?.bound && <BoundNotice binding={binding.data} />}
      {binding.data && !binding.data.bound && (
        <>
          <JourneySteps current={0} />
          {me && (
            <p className="journey-page__who">
              当前登录：{me.name}（{me.kind === 'student' ? '学号' : '工号'} {me.accountNo}）
            </p>
          )}
          <form className="card form-card" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="phone-step-title">
            <h2 className="card__title" id="phone-step-title">
              ①填写手机号，并点击下一步
            </h2>
            <p className="journey-page__note">注：此处手机号务必与微信绑定手机号一致</p>
            <div className={`form-field${error ? ' form-field--invalid' : ''}`}>
              <label className="form-field__label" htmlFor="register-phone">
                手机号
              </label>
              <div className="form-field__control">
                <Input
                  id="register-phone"
                  type="tel"
                  inputMode="numeric"
                  autoComplete="tel-national"
                  placeholder="请输入 11 位手机号"
                  maxLength={13}
                  value={phone}
                  onChange={(value) => {
                    setPhone(value);
                    if (error) setError(null);
                  }}
                  clearable
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'register-phone-error' : undefined}
                />
              </div>
              {error && (
                <p className="form-field__error" id="register-phone-error" role="alert">
                  {error}
                </p>
              )}
            </div>
            <Button className="form-card__submit" type="submit" color="primary" size="large" block>
              下一步
            </Button>
          </form>
          <p className="journey-page__help">
            手机号与微信绑定的不一致、收不到验证码？请看<Link to="/faq">常见问题</Link>
          </p>
        </>
      )}
    </div>
  );
}
