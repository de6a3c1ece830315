import '../styles/pages.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LoginOptionsDto } from '@onehall/contracts';
import { errorCodes, errorMessage } from '@onehall/contracts/plain';
import { Button, Input, type InputRef } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, describeError } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { safeNextPath } from '../lib/safe-next.ts';
import { formatClock } from '../lib/shanghai-time.ts';
import { setMe } from '../session/session-store.ts';

const WECOM_TRIED = 'onehall.login.wecomTried';

/**
 * Where a CAS or OpenID Connect button goes. Registration and unbinding want
 * proof made just now: the provider is asked for a fresh login (renew), so a
 * single sign-on kept from earlier cannot carry an old identity in.
 */
function redirectLoginUrl(loginUrl: string, next: string | null): string {
  const params = new URLSearchParams();
  if (next) params.set('next', next);
  if (next && /^\/(register|unbind)(\/|$|\?)/.test(next)) params.set('renew', '1');
  const query = params.toString();
  return query ? `${loginUrl}?${query}` : loginUrl;
}

/** The sentence shown for a failed login; lock and attempts come from the error body. */
function loginFailureText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'ACCOUNT_LOCKED' && error.detail?.lockedUntil) {
      return t('pages.login.locked', { time: formatClock(error.detail.lockedUntil) });
    }
    const attemptsLeft = error.detail?.attemptsLeft;
    if (error.code === 'INVALID_CREDENTIALS' && typeof attemptsLeft === 'number') {
      return attemptsLeft > 0 ? t('pages.login.attemptsLeft', { message: error.message, count: attemptsLeft }) : error.message;
    }
  }
  return describeError(error);
}

/** 统一身份认证: log in with the staff or student number and the password. */
export default function LoginPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const [accountNo, setAccountNo] = useState('');
  const [password, setPassword] = useState('');
  // A login through CAS that was refused comes back here with its error code.
  const returnedError = searchParams.get('error');
  const [failure, setFailure] = useState<string | null>(returnedError && Object.prototype.hasOwnProperty.call(errorCodes, returnedError) ? errorMessage(returnedError, language) : null);
  const [submitting, setSubmitting] = useState(false);
  const [options, setOptions] = useState<LoginOptionsDto | null>(null);
  const accountInput = useRef<InputRef>(null);
  const passwordInput = useRef<InputRef>(null);

  // Whoever was logged in before is forgotten: this page starts a new session.
  useEffect(() => setMe(null), []);
  useEffect(() => {
    hallApi.getLoginOptions().then((answer) => {
      // Inside WeCom, a member bound already is let in by WeCom's login (once per visit; an unbound one is sent to register).
      // Not on the registration and unbinding journeys, which want the unified login itself.
      const journey = next !== null && /^\/(register|unbind)(\/|$|\?)/.test(next);
      if (answer.wecomLoginUrl && !returnedError && !journey && /wxwork/i.test(navigator.userAgent) && !sessionStorage.getItem(WECOM_TRIED)) {
        sessionStorage.setItem(WECOM_TRIED, '1');
        window.location.assign(`${answer.wecomLoginUrl}${next ? `?next=${encodeURIComponent(next)}` : ''}`);
        return;
      }
      setOptions(answer);
    }, () => setOptions(null));
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (!accountNo.trim() || !password) {
      setFailure(!accountNo.trim() ? t('pages.login.needUsername') : t('pages.login.needPassword'));
      // The field to fill in next takes the focus; the alert below says why.
      (!accountNo.trim() ? accountInput : passwordInput).current?.focus();
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const me = await hallApi.login({ accountNo: accountNo.trim(), password });
      setMe(me);
      if (me.mustChangePassword) {
        await navigate(next ? `/password?next=${encodeURIComponent(next)}` : '/password', { replace: true });
      } else {
        await navigate(next ?? '/', { replace: true });
      }
    } catch (error) {
      setFailure(loginFailureText(error));
      setSubmitting(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-page__brand">
        <img className="login-page__logo" src="/favicon.svg" alt="" width="56" height="56" />
        <h1 className="login-page__title">{t('pages.login.title')}</h1>
        <p className="login-page__subtitle">{t('pages.hallTitle')}</p>
      </div>
      <form className="login-page__form" onSubmit={onSubmit} noValidate>
        <div className="form-field">
          <label className="form-field__label" htmlFor="login-account">
            {t('pages.login.username')}
          </label>
          <div className="form-field__control">
            <Input
              ref={accountInput}
              id="login-account"
              name="username"
              placeholder={t('pages.login.usernamePlaceholder')}
              autoComplete="username"
              autoCapitalize="off"
              autoCorrect="off"
              value={accountNo}
              onChange={setAccountNo}
              clearable
            />
          </div>
        </div>
        <div className="form-field">
          <label className="form-field__label" htmlFor="login-password">
            {t('pages.login.password')}
          </label>
          <div className="form-field__control">
            <Input
              ref={passwordInput}
              id="login-password"
              name="password"
              type="password"
              placeholder={t('pages.login.passwordPlaceholder')}
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
            />
          </div>
        </div>
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <Button className="login-page__submit" type="submit" color="primary" size="large" block loading={submitting}>
          {t('pages.login.submit')}
        </Button>
      </form>
      {options?.redirects.map((option) => (
        <div className="login-page__redirect" key={option.provider}>
          <Button block size="large" fill="outline" color="primary" onClick={() => window.location.assign(redirectLoginUrl(option.loginUrl, next))}>
            {t('pages.login.with', { provider: option.displayName })}
          </Button>
        </div>
      ))}
    </div>
  );
}
