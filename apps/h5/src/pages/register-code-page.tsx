import '../styles/pages.css';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Input, type InputRef } from 'antd-mobile';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { mask, type BindingStatusDto } from '@onehall/contracts';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { BoundNotice } from '../components/bound-notice.tsx';
import { JourneySteps } from '../components/journey-steps.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCountdown } from '../hooks/use-countdown.ts';
import { useLoginAgain } from '../hooks/use-fresh-login.ts';
import { smsRules } from '../lib/verification-rules.ts';
import type { RegisterCodeState } from './register-phone-page.tsx';

const CODE = new RegExp(`^\\d{${smsRules.codeLength}}$`);

/** Codes after which the code typed is of no more use: a new one must be asked for. */
const codeIsGone = new Set(['VERIFICATION_TOO_MANY_ATTEMPTS', 'VERIFICATION_CODE_EXPIRED', 'VERIFICATION_CODE_USED', 'VERIFICATION_CODE_NOT_FOUND', 'PHONE_NOT_VERIFIED']);

/** The sentence for a refused code; a wrong one says how many tries are left. */
function codeFailureText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'VERIFICATION_CODE_WRONG' && typeof error.detail?.attemptsLeft === 'number') {
    return `验证码不正确，还可以再试 ${error.detail.attemptsLeft} 次`;
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
      setMessage({ kind: 'info', text: `验证码已发送至 ${mask.phone(number)}，${Math.round(answer.expiresInSeconds / 60)} 分钟内有效` });
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
      setMessage({ kind: 'error', text: hasSent ? `请输入 ${smsRules.codeLength} 位短信验证码` : '请先获取验证码' });
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
        <PageHeader title="绑定手机号" backTo="/" />
        <BoundNotice binding={bound} />
      </div>
    );
  }

  return (
    <div className="journey-page">
      <PageHeader title="绑定手机号" backTo="/register/phone" />
      <JourneySteps current={0} />
      <form className="card form-card" onSubmit={onSubmit} noValidate aria-labelledby="code-step-title">
        <h2 className="card__title" id="code-step-title">
          填写收到的短信验证码
        </h2>
        <p className="journey-page__phone">
          手机号 <span data-testid="code-phone">{mask.phone(number)}</span>
          <button type="button" className="link-button journey-page__change" onClick={onChangePhone}>
            修改
          </button>
        </p>
        <div className={`form-field${message?.kind === 'error' ? ' form-field--invalid' : ''}`}>
          <label className="form-field__label" htmlFor="register-code">
            短信验证码
          </label>
          <div className="journey-code">
            <Input
              ref={codeInput}
              id="register-code"
              className="journey-code__input"
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder={`请输入 ${smsRules.codeLength} 位验证码`}
              maxLength={smsRules.codeLength}
              value={code}
              onChange={(value) => setCode(value.replace(/\D/g, ''))}
              aria-invalid={message?.kind === 'error' ? true : undefined}
              aria-describedby="register-code-message"
            />
            <Button className="journey-code__send" size="small" color="primary" fill="outline" disabled={secondsLeft > 0} loading={sending} onClick={() => void onSend()}>
              {secondsLeft > 0 ? `${secondsLeft} 秒后重新获取` : hasSent ? '重新获取' : '获取验证码'}
            </Button>
          </div>
          {/* One line kept for the hint or the error, so the button below does not jump. */}
          <p id="register-code-message" className={`journey-code__message${message?.kind === 'error' ? ' journey-code__message--error' : ''}`} aria-live="polite">
            {message?.text}
          </p>
        </div>
        <Button className="form-card__submit" type="submit" color="primary" size="large" block loading={submitting}>
          绑定
        </Button>
      </form>
      <p className="journey-page__help">
        收不到验证码？请看<Link to="/faq#no-code">常见问题</Link>
      </p>
    </div>
  );
}
