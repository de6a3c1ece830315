import { useState } from 'react';
import { Button, List } from 'antd-mobile';
import { ActionSheet, Dialog, Popup } from './overlays.tsx';
import { CheckOutline, UserCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router';
import type { MeDto } from '@onehall/contracts';
import { personKindText } from '@onehall/contracts/plain';
import { logout } from '../session/session-store.ts';
import { language, switchLanguage, type Language } from '../i18n/language.ts';
import { pick, t } from '../i18n/translate.ts';

type LogoutChoice = 'hall' | 'cas';

/**
 * Asks a person who came through CAS whether to end the CAS session too
 * (otherwise the next 统一身份认证 login, here or in another system, goes
 * through without a password). Null: 取消.
 */
function askLogoutChoice(): Promise<LogoutChoice | null> {
  return new Promise((resolve) => {
    ActionSheet.show({
      extra: t('components.me.casNote'),
      actions: [
        { key: 'hall', text: t('components.me.logout') },
        { key: 'cas', text: t('components.me.casLogout'), description: t('components.me.casLogoutNote') },
      ],
      cancelText: t('common.cancel'),
      closeOnAction: true,
      // onAction comes before onClose: the first answer wins.
      onAction: (action) => resolve(action.key as LogoutChoice),
      onClose: () => resolve(null),
    });
  });
}

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
const languages: { code: Language; tag: string }[] = [
  { code: 'zh', tag: 'zh-CN' },
  { code: 'en', tag: 'en' },
];

/**
 * 语言 / Language: 简体中文 or English, the current one checked. Choosing the
 * other keeps it on the phone and reloads the page in it (switchLanguage).
 */
function LanguageChoice() {
  return (
    <div className="my-language" role="radiogroup" aria-labelledby="my-language-label">
      <span className="my-language__label" id="my-language-label">
        {t('components.me.language')}
      </span>
      <span className="my-language__options">
        {languages.map(({ code, tag }) => {
          const isCurrent = code === language;
          return (
            <label key={code} className={isCurrent ? 'my-language__option my-language__option--current' : 'my-language__option'} lang={tag}>
              <input type="radio" className="my-language__input" name="hall-language" value={code} checked={isCurrent} onChange={() => switchLanguage(code)} />
              {isCurrent && <CheckOutline className="my-language__check" aria-hidden="true" />}
              {t(`common.language.${code}`)}
            </label>
          );
        })}
      </span>
    </div>
  );
}

/** 我的: the person's name in the page corner; a tap shows the profile and 退出登录. */
export function MyCorner({ me }: { me: MeDto }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);

  async function onLogout(options: { everywhere?: boolean; cas?: boolean } = {}) {
    setLeaving(true);
    await logout(async () => {
      setOpen(false);
      await navigate('/login', { replace: true });
    }, options);
  }

  /** 退出登录: a session that came through CAS may end the CAS session too. */
  async function onLogoutTap() {
    if (me.provider !== 'cas') return onLogout();
    const choice = await askLogoutChoice();
    if (choice) await onLogout({ cas: choice === 'cas' });
  }

  async function onLogoutEverywhere() {
    const confirmed = await Dialog.confirm({
      title: t('components.me.logoutEverywhere'),
      content: t('components.me.logoutEverywhereText'),
      confirmText: t('components.me.logoutEverywhereConfirm'),
      cancelText: t('common.cancel'),
    });
    if (confirmed) await onLogout({ everywhere: true });
  }

  return (
    <>
      <button type="button" className="my-corner" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <UserCircleOutline className="my-corner__icon" aria-hidden="true" />
        <span className="my-corner__name">{me.name}</span>
        <span className="visually-hidden">{t('components.me.title')}</span>
      </button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} showCloseButton bodyClassName="my-popup">
        <div role="dialog" aria-labelledby="my-popup-title">
          <h2 className="my-popup__title" id="my-popup-title">
            {t('components.me.title')}
          </h2>
          <List>
            <List.Item extra={me.name}>{t('components.me.name')}</List.Item>
            <List.Item extra={me.accountNo}>{t(me.kind === 'student' ? 'components.me.studentNo' : 'components.me.staffNo')}</List.Item>
            <List.Item extra={pick(personKindText[me.kind])}>{t('components.me.kind')}</List.Item>
            {me.departmentName && <List.Item extra={me.departmentName}>{t('components.me.department')}</List.Item>}
            {me.className && <List.Item extra={me.className}>{t('components.me.class')}</List.Item>}
            {me.phone && <List.Item extra={me.phone}>{t('components.me.phone')}</List.Item>}
            <List.Item>
              <LanguageChoice />
            </List.Item>
            <List.Item onClick={() => void navigate('/password')}>{t('components.me.password')}</List.Item>
            <List.Item onClick={() => void navigate('/faq')}>{t('components.me.faq')}</List.Item>
            {me.roles.includes('admin') && (
              <List.Item onClick={() => window.location.assign('/admin/')}>{t('components.me.admin')}</List.Item>
            )}
          </List>
          <div className="my-popup__actions">
            <Button block color="danger" fill="outline" loading={leaving} onClick={() => void onLogoutTap()}>
              {t('components.me.logout')}
            </Button>
            <Button block fill="none" size="small" className="my-popup__everywhere" disabled={leaving} onClick={() => void onLogoutEverywhere()}>
              {t('components.me.logoutEverywhere')}
            </Button>
          </div>
        </div>
      </Popup>
    </>
  );
}
