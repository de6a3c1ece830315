import '../styles/pages.css';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Input, type InputRef } from 'antd-mobile';
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
import { t } from '../i18n/translate.ts';
import { richText } from './rich-text.tsx';
import { useNativeInputAria } from '../hooks/use-native-input-aria.ts';

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
  const phoneInput = useRef<InputRef>(null);
  useNativeInputAria(phoneInput, { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? 'register-phone-error' : undefined });

  const loginAgain = useLoginAgain('/register/phone');
  const [binding_, setBinding] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const cleaned = cleanPhone(phone);
    const problem = checkMobilePhone(cleaned);
    setError(problem);
    // The field takes the focus back, and a screen reader reads the error tied to it.
    if (problem) phoneInput.current?.focus();
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
      <PageHeader title={t('pages.register.bindPhone')} backTo="/register" />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data?.bound && <BoundNotice binding={binding.data} />}
      {binding.data && !binding.data.bound && (
        <>
          <JourneySteps current={0} />
          {me && (
            <p className="journey-page__who">
              {t('pages.register.who', { name: me.name, idLabel: me.kind === 'student' ? t('pages.studentNo') : t('pages.staffNo'), accountNo: me.accountNo })}
            </p>
          )}
          <form className="card form-card" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="phone-step-title">
            <h2 className="card__title" id="phone-step-title">
              {t('pages.register.phoneStep')}
            </h2>
            <p className="journey-page__note">{t('pages.register.phoneNote')}</p>
            <div className={`form-field${error ? ' form-field--invalid' : ''}`}>
              <label className="form-field__label" htmlFor="register-phone">
                {t('pages.register.phone')}
              </label>
              <div className="form-field__control">
                <Input
                  ref={phoneInput}
                  id="register-phone"
                  type="tel"
                  inputMode="numeric"
                  autoComplete="tel-national"
                  placeholder={t('pages.register.phonePlaceholder')}
                  maxLength={13}
                  value={phone}
                  onChange={(value) => {
                    setPhone(value);
                    if (error) setError(null);
                  }}
                  clearable
                />
              </div>
              {error && (
                <p className="form-field__error" id="register-phone-error" role="alert">
                  {error}
                </p>
              )}
            </div>
            <Button className="form-card__submit" type="submit" color="primary" size="large" block>
              {t('pages.next')}
            </Button>
          </form>
          <p className="journey-page__help">
            {richText('pages.register.phoneHelp', { faq: <Link to="/faq">{t('pages.faq')}</Link> })}
          </p>
        </>
      )}
    </div>
  );
}
