import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorCodes, errorMessage } from '@onehall/contracts/plain';
import { hallApi } from '../api/hall-api.ts';
import { useFreshLogin } from '../hooks/use-fresh-login.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';

/**
 * 用户注册 (manual 1.1–1.2): the page the registration QR code opens.
 * 【在校师生】 always asks for a new login, then binding the phone follows.
 */
export default function RegisterPage() {
  const freshLogin = useFreshLogin('/register/phone');
  const [searchParams] = useSearchParams();
  const refusal = searchParams.get('error');
  useWecomIdentity(refusal === null);
  return (
    <div className="journey-entry">
      <div className="login-page__brand">
        <img className="login-page__logo" src="/favicon.svg" alt="" width="56" height="56" />
        <h1 className="login-page__title">{t('pages.register')}</h1>
        <p className="login-page__subtitle">{t('pages.hallTitle')}</p>
      </div>

      {refusal && (
        <p className="form-error journey-entry__refusal" role="alert">
          {Object.prototype.hasOwnProperty.call(errorCodes, refusal) ? errorMessage(refusal, language) : errorMessage('INTERNAL', language)} <Link to="/faq">{t('pages.faq')}</Link>
        </p>
      )}
      <section className="journey-entry__card" aria-labelledby="register-verify">
        <h2 className="card__title" id="register-verify">
          {t('pages.register.verify')}
        </h2>
        <p className="journey-entry__text">{t('pages.register.verifyText')}</p>
        <Button block color="primary" size="large" loading={freshLogin.starting} onClick={() => void freshLogin.start()}>
          {t('pages.forStudentsAndStaff')}
        </Button>
      </section>

      <section className="journey-entry__card" aria-labelledby="register-steps">
        <h2 className="card__title" id="register-steps">
          {t('pages.register.steps')}
        </h2>
        <ol className="journey-entry__steps">
          <li>{t('pages.register.step1')}</li>
          <li>
            {t('pages.register.step2')}
            <span className="journey-entry__note">{t('pages.register.phoneNote')}</span>
          </li>
          <li>{t('pages.register.followStep')}</li>
          <li>{t('pages.register.doneStep')}</li>
        </ol>
      </section>

      <nav className="journey-entry__links" aria-label={t('pages.relatedLinks')}>
        <Link to="/faq">{t('pages.faq')}</Link>
        <Link to="/unbind">{t('pages.unbind')}</Link>
      </nav>
    </div>
  );
}

/** Opened in WeCom's browser (企业微信). */
const inWecom = () => /wxwork/i.test(navigator.userAgent);
const WECOM_CHECKED = 'onehall.register.wecomChecked';

/**
 * Inside WeCom, before anything else, WeCom's login tells the hall who the
 * member is (and the mobile WeCom holds), so the binding can use it; once per
 * visit, so coming back here never loops.
 */
function useWecomIdentity(allowed: boolean): void {
  useEffect(() => {
    if (!allowed || !inWecom() || sessionStorage.getItem(WECOM_CHECKED)) return;
    hallApi.getLoginOptions().then(
      (options) => {
        if (!options.wecomLoginUrl) return;
        sessionStorage.setItem(WECOM_CHECKED, '1');
        window.location.assign(`${options.wecomLoginUrl}?purpose=register`);
      },
      () => {},
    );
  }, [allowed]);
}
