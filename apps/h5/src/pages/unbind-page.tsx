import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Link } from 'react-router';
import { useFreshLogin } from '../hooks/use-fresh-login.ts';
import { t } from '../i18n/translate.ts';

/**
 * 解除绑定 (manual chapter 3): the page the unbinding QR code opens — when
 * to unbind, and 【在校师生】 to log in again before confirming.
 */
export default function UnbindPage() {
  const freshLogin = useFreshLogin('/unbind/confirm');
  return (
    <div className="journey-entry">
      <div className="login-page__brand">
        <img className="login-page__logo" src="/favicon.svg" alt="" width="56" height="56" />
        <h1 className="login-page__title">{t('pages.unbind')}</h1>
        <p className="login-page__subtitle">{t('pages.hallTitle')}</p>
      </div>

      <section className="journey-entry__card" aria-labelledby="unbind-when">
        <h2 className="card__title" id="unbind-when">
          {t('pages.unbind.when')}
        </h2>
        <p className="journey-entry__text">{t('pages.unbind.whenText')}</p>
        <ol className="journey-entry__steps">
          <li>{t('pages.unbind.step1')}</li>
          <li>{t('pages.unbind.step2')}</li>
          <li>{t('pages.unbind.step3')}</li>
        </ol>
        <Button block color="primary" size="large" loading={freshLogin.starting} onClick={() => void freshLogin.start()}>
          {t('pages.forStudentsAndStaff')}
        </Button>
      </section>

      <nav className="journey-entry__links" aria-label={t('pages.relatedLinks')}>
        <Link to="/faq">{t('pages.faq')}</Link>
        <Link to="/register">{t('pages.register')}</Link>
      </nav>
    </div>
  );
}
