import '../styles/pages.css';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Input, NoticeBar, type InputRef } from 'antd-mobile';
import { Toast } from '../components/overlays.tsx';
import { useNavigate, useSearchParams } from 'react-router';
import { checkPasswordRule, errorMessage, passwordRuleText } from '@onehall/contracts/plain';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { language } from '../i18n/language.ts';
import { pick, t } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh.ts';
import { useNativeInputAria } from '../hooks/use-native-input-aria.ts';
import { safeNextPath } from '../lib/safe-next.ts';
import { logout, setMe, useMe } from '../session/session-store.ts';

type PasswordKey = 'oldPassword' | 'newPassword' | 'confirmPassword';
type PasswordErrors = Partial<Record<PasswordKey, string>>;

const fields: { key: PasswordKey; label: MessageKey; placeholder: MessageKey; autoComplete: string }[] = [
  { key: 'oldPassword', label: 'pages.password.old', placeholder: 'pages.password.needOld', autoComplete: 'current-password' },
  { key: 'newPassword', label: 'pages.password.new', placeholder: 'pages.password.needNew', autoComplete: 'new-password' },
  { key: 'confirmPassword', label: 'pages.password.confirm', placeholder: 'pages.password.needConfirm', autoComplete: 'new-password' },
];

/** Puts the focus on the first field with an error, so a screen reader reads its label and message. */
function focusFirstError(errors: PasswordErrors): void {
  const first = fields.find((field) => errors[field.key]);
  if (first) document.getElementById(`password-${first.key}`)?.focus();
}

/** The same checks the server makes, so most mistakes are caught before sending. */
function checkPasswords(values: Record<PasswordKey, string>): PasswordErrors {
  const errors: PasswordErrors = {};
  if (!values.oldPassword) errors.oldPassword = t('pages.password.needOld');
  if (!values.newPassword) errors.newPassword = t('pages.password.needNew');
  else {
    // The contracts word each broken rule in Chinese only; English restates the rule.
    const problems = checkPasswordRule(values.newPassword);
    if (problems.length > 0) errors.newPassword = t('pages.password.weak', { problems: language === 'zh' ? problems.join('，') : passwordRuleText.en });
    else if (values.newPassword === values.oldPassword) errors.newPassword = errorMessage('PASSWORD_UNCHANGED', language);
  }
  if (!values.confirmPassword) errors.confirmPassword = t('pages.password.needConfirm');
  else if (values.confirmPassword !== values.newPassword) errors.confirmPassword = t('pages.password.mismatch');
  return errors;
}

/** Where a server error belongs on this form. */
function fieldOf(code: string): PasswordKey | null {
  if (code === 'WRONG_PASSWORD') return 'oldPassword';
  if (code === 'PASSWORD_TOO_WEAK' || code === 'PASSWORD_UNCHANGED') return 'newPassword';
  return null;
}

/** 修改密码: required after the first login with the initial password. */
export default function PasswordPage() {
  const navigate = useNavigate();
  const me = useMe();
  const [searchParams] = useSearchParams();
  const [values, setValues] = useState<Record<PasswordKey, string>>({ oldPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const forced = me?.mustChangePassword ?? false;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const found = checkPasswords(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setSubmitting(true);
    try {
      const answer = await hallApi.changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      setMe(answer);
      Toast.show({ icon: 'success', content: t('pages.password.changed') });
      await navigate(safeNextPath(searchParams.get('next')) ?? '/', { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isRedirected(error)) return;
      const key = error instanceof ApiError ? fieldOf(error.code) : null;
      if (key) {
        setErrors({ [key]: describeError(error) });
        focusFirstError({ [key]: describeError(error) });
      } else setFailure(describeError(error));
    }
  }

  return (
    <div className="password-page">
      <PageHeader title={t('pages.password.title')} backTo={forced ? undefined : '/'} />
      {forced && <NoticeBar content={errorMessage('PASSWORD_CHANGE_REQUIRED', language)} color="alert" wrap />}
      <p className="password-page__rule">{pick(passwordRuleText)}</p>
      <form className="card form-card" onSubmit={onSubmit} noValidate>
        {fields.map((field) => (
          <PasswordField key={field.key} field={field} value={values[field.key]} error={errors[field.key]} onChange={(value) => setValues((previous) => ({ ...previous, [field.key]: value }))} />
        ))}
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <Button type="submit" color="primary" size="large" block loading={submitting}>
          {t('pages.password.submit')}
        </Button>
      </form>
      {forced && (
        <div className="password-page__logout">
          <Button fill="none" size="small" onClick={() => void logout(() => navigate('/login', { replace: true }))}>
            {t('pages.password.logout')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** One password, its label and its error (tied to the <input> itself for screen readers). */
function PasswordField({ field, value, error, onChange }: { field: (typeof fields)[number]; value: string; error: string | undefined; onChange: (value: string) => void }) {
  const input = useRef<InputRef>(null);
  const id = `password-${field.key}`;
  useNativeInputAria(input, { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? `${id}-error` : undefined });
  return (
    <div className="form-field" data-field={field.key}>
      <label className="form-field__label" htmlFor={id}>
        {t(field.label)}
      </label>
      <div className="form-field__control">
        <Input ref={input} id={id} type="password" autoComplete={field.autoComplete} placeholder={t(field.placeholder)} value={value} onChange={onChange} />
      </div>
      {error && (
        <p className="form-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
