import '../styles/pages.css';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Input, type InputRef } from 'antd-mobile';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { BindingStatusDto } from '@onehall/contracts';
import { mask } from '@onehall/contracts/plain';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { BoundNotice } from '../components/bound-notice.tsx';
import { JourneySteps } from '../components/journey-steps.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCountdown } from '../hooks/use-countdown.ts';
import { useLoginAgain } from '../hooks/use-fresh-login.ts';
import { smsRules } from '../lib/verification-rules.ts';
import type { RegisterCodeState } from './register-phone-page.tsx';
import { t } from '../i18n/translate.ts';
import { richText } from './rich-text.tsx';
import { useNativeInputAria } from '../hooks/use-native-input-aria.ts';

const CODE = new RegExp(`^\\d{${smsRules.codeLength}}$`);

/** Codes after which the code typed is of no more use: a new one must be asked for. */
const codeIsGone = new Set(['VERIFICATION_TOO_MANY_ATTEMPTS', 'VERIFICATION_CODE_EXPIRED', 'VERIFICATION_CODE_USED', 'VERIFICATION_CODE_NOT_FOUND', 'PHONE_NOT_VERIFIED']);

/** The sentence for a refused code; a wrong one says how many tries are left. */
function codeFailureText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VERIFICATION_CODE_WRONG' && typeof error.detail?.attemptsLeft === 'number') {
    return t('pages.register.codeWrong', { count: error.detail.attemptsLeft });
  }
  return describeError(error);
}

type Message = { kind: 'info' | 'error'; text: string };

/**
 * 绑定手机号, the SMS step (manual 1.3 ⑤ 填写收到的短信验证码): 获取验证码
 * with the server's resend countdown, then the code is checked and the phone
 * bound. A login grown stale meanwhile sends the person to log in again.
 */
export default function RegisterCodePage() {
  const navigate = useNavigate();
  const location = useLocation();
  const phone = (location.state as Partial<RegisterCodeState> | null)?.phone ?? null;
  const loginAgain = useLoginAgain('/register/phone');
  const codeInput = useRef<InputRef>(null);
  const [code, setCode] = useState('');
  const [resendAt, setResendAt] = useState<number | null>(null);
  const secondsLeft = useCountdown(resendAt);
  const [hasSent, setHasSent] = useState(false);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The check of a code succeeds once; a bind refused after it is retried without checking again.
  const [verified, setVerified] = useState(false);
  const [bound, setBound] = useState<BindingStatusDto | null>(null);
  useNativeInputAria(codeInput, { 'aria-invalid': message?.kind === 'error' ? 'true' : undefined, 'aria-describedby': 'register-code-message' });

  if (!phone) return <Navigate to="/register/phone" replace />;
  const number = phone;

  // Back to the phone step, whose history entry keeps the number typed; opened directly, it is given the number.
  function onChangePhone() {
    const canGoBack = typeof window.history.state?.idx === 'number' && window.history.state.idx > 0;
    if (canGoBack) void navigate(-1);
    else void navigate('/register/phone', { replace: true, state: { phone: number } satisfies RegisterCodeState });
  }

  async function onSend() {
    if (sending || secondsLeft > 0) return;
    setSending(true);
    setMessage(null);
    try {
      const answer = await hallApi.sendSmsCode({ purpose: 'bindPhone', phone: number });
      setResendAt(Date.now() + answer.resendAfterSeconds * 1000);
      setHasSent(true);
      setVerified(false);
      setMessage({ kind: 'info', text: t('pages.register.codeSent', { phone: mask.phone(number) ?? '', minutes: Math.round(answer.expiresInSeconds / 60) }) });
      codeInput.current?.focus();
    } catch (error) {
      if (isRedirected(error)) return;
      const retryAt = error instanceof ApiError && error.code === 'SMS_SEND_TOO_SOON' ? error.detail?.retryAt : undefined;
      if (retryAt) setResendAt(Date.parse(retryAt));
      setMessage({ kind: 'error', text: describeError(error) });
    } finally {
      setSending(false);
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const typed = code.trim();
    if (!verified && !CODE.test(typed)) {
      setMessage({ kind: 'error', text: hasSent ? t('pages.register.needCode', { length: smsRules.codeLength }) : t('pages.register.sendFirst') });
      return;
    }
    setSubmitting(true);
    setMessage(null);
    try {
      if (!verified) {
        await hallApi.checkSmsCode({ purpose: 'bindPhone', phone: number, code: typed });
        setVerified(true);
      }
      await hallApi.bindPhone({ phone: number });
      await navigate('/register/follow', { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isRedirected(error)) return;
      const errorCode = error instanceof ApiError ? error.code : null;
      if (errorCode === 'LOGIN_NOT_FRESH') {
        await loginAgain();
        return;
      }
      if (errorCode === 'ALREADY_BOUND') {
        try {
          setBound(await hallApi.getBinding());
          return;
        } catch {
          // Say what the bind answered instead.
        }
      }
      if (errorCode && codeIsGone.has(errorCode)) {
        setVerified(false);
        setCode('');
      }
      setMessage({ kind: 'error', text: codeFailureText(error) });
    }
  }

  if (bound) {
    return (
      <div className="journey-page">
        <PageHeader title={t('pages.register.bindPhone')} backTo="/" />
        <BoundNotice binding={bound} />
      </div>
    );
  }

  return (
    <div className="journey-page">
      <PageHeader title={t('pages.register.bindPhone')} backTo="/register/phone" />
      <JourneySteps current={0} />
      <form className="card form-card" onSubmit={onSubmit} noValidate aria-labelledby="code-step-title">
        <h2 className="card__title" id="code-step-title">
          {t('pages.register.codeStep')}
        </h2>
        <p className="journey-page__phone">
          {t('pages.register.phone')} <span data-testid="code-phone">{mask.phone(number)}</span>
          <button type="button" className="link-button journey-page__change" onClick={onChangePhone}>
            {t('pages.register.change')}
          </button>
        </p>
        <div className={`form-field${message?.kind === 'error' ? ' form-field--invalid' : ''}`}>
          <label className="form-field__label" htmlFor="register-code">
            {t('pages.register.code')}
          </label>
          <div className="journey-code">
            <Input
              ref={codeInput}
              id="register-code"
              className="journey-code__input"
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder={t('pages.register.codePlaceholder', { length: smsRules.codeLength })}
              maxLength={smsRules.codeLength}
              value={code}
              onChange={(value) => setCode(value.replace(/\D/g, ''))}
            />
            <Button className="journey-code__send" size="small" color="primary" fill="outline" disabled={secondsLeft > 0} loading={sending} onClick={() => void onSend()}>
              {secondsLeft > 0 ? t('pages.register.resendIn', { seconds: secondsLeft }) : hasSent ? t('pages.register.resend') : t('pages.register.send')}
            </Button>
          </div>
          {/* One line kept for the hint or the error, so the button below does not jump. */}
          <p id="register-code-message" className={`journey-code__message${message?.kind === 'error' ? ' journey-code__message--error' : ''}`} aria-live="polite">
            {message?.text}
          </p>
        </div>
        <Button className="form-card__submit" type="submit" color="primary" size="large" block loading={submitting}>
          {t('pages.register.bind')}
        </Button>
      </form>
      <p className="journey-page__help">
        {richText('pages.register.codeHelp', { faq: <Link to="/faq#no-code">{t('pages.faq')}</Link> })}
      </p>
    </div>
  );
}
