import '../styles/pages.css';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { limits } from '@onehall/contracts/plain';
import { PageHeader } from '../components/page-header.tsx';
import { smsRules } from '../lib/verification-rules.ts';
import { t } from '../i18n/translate.ts';
import { richText } from './rich-text.tsx';

const perPhone = smsRules.perPhone;
const codeMinutes = Math.round(smsRules.expiresInSeconds / 60);

/**
 * The manual's chapter 4, rewritten for what this hall does: binding and
 * unbinding both ask for a login made just now, so the WeChat cache the
 * manual spends a chapter on never carries an old identity along.
 *
 * The lock (5 wrong passwords, 15 minutes) is the server's default setting
 * (LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES); the contracts do not carry it.
 */
function questions(): { id: string; question: string; answer: ReactNode }[] {
  return [
    {
      id: 'new-number',
      question: t('pages.faq.newNumber.q'),
      answer: (
        <>
          <p>
            {richText('pages.faq.newNumber.a1', {
              unbind: <Link to="/unbind">{t('pages.faq.newNumber.unbindLink')}</Link>,
              register: <Link to="/register">{t('pages.faq.newNumber.registerLink')}</Link>,
            })}
          </p>
          <p>{t('pages.faq.newNumber.a2')}</p>
        </>
      ),
    },
    { id: 'wechat-cache', question: t('pages.faq.wechatCache.q'), answer: <p>{t('pages.faq.wechatCache.a')}</p> },
    { id: 'phone-mismatch', question: t('pages.faq.phoneMismatch.q'), answer: <p>{t('pages.faq.phoneMismatch.a')}</p> },
    {
      id: 'no-code',
      question: t('pages.faq.noCode.q'),
      answer: <p>{t('pages.faq.noCode.a', { minute: perPhone.minute, hour: perPhone.hour, day: perPhone.day, minutes: codeMinutes })}</p>,
    },
    { id: 'login', question: t('pages.faq.login.q'), answer: <p>{t('pages.faq.login.a', { length: limits.initialPasswordLength })}</p> },
    { id: 'locked', question: t('pages.faq.locked.q'), answer: <p>{t('pages.faq.locked.a')}</p> },
    { id: 'logout-everywhere', question: t('pages.faq.logoutEverywhere.q'), answer: <p>{t('pages.faq.logoutEverywhere.a')}</p> },
  ];
}

/** 常见问题: short answers, each with an anchor (/faq#no-code) the journeys link to. */
export default function FaqPage() {
  const { hash } = useLocation();
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    target?.scrollIntoView({ block: 'start' });
  }, [hash]);

  return (
    <div className="journey-page">
      <PageHeader title={t('pages.faq')} backTo="/" />
      {questions().map((item) => (
        <section className="card faq-item" id={item.id} key={item.id} aria-labelledby={`${item.id}-question`}>
          <h2 className="faq-item__question" id={`${item.id}-question`}>
            {item.question}
          </h2>
          <div className="faq-item__answer">{item.answer}</div>
        </section>
      ))}
    </div>
  );
}
