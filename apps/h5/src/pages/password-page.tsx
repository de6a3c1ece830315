import '../styles/pages.css';
import { useState, type FormEvent } from 'react';
import { Button, Input, NoticeBar, Toast } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import { checkPasswordRule, errorMessage, passwordRuleText } from '@onehall/contracts';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { safeNextPath } from '../lib/safe-next.ts';
import { logout, setMe, useMe } from '../session/session-store.ts';

type PasswordKey = 'oldPassword' | 'newPassword' | 'confirmPassword';
type PasswordErrors = Partial<Record<PasswordKey, string>>;

const fields: { key: PasswordKey; label: string; autoComplete: string }[] = [
  { key: 'oldPassword', label: '原密码', autoComplete: 'current-password' },
  { key: 'newPassword', label: '新密码', autoComplete: 'new-password' },
  { key: 'confirmPassword', label: '确认新密码', autoComplete: 'new-password' },
];

/** The same checks the server makes, so most mistakes are caught before sending. */
function checkPasswords(values: Record<PasswordKey, string>): PasswordErrors {
  const errors: PasswordErrors = {};
  if (!values.oldPassword) errors.oldPassword = '请输入原密码';
  if (!values.newPassword) errors.newPassword = '请输入新密码';
  else {
    const problems = checkPasswordRule(values.newPassword);
    if (problems.length > 0) errors.newPassword = `新密码${problems.join('，')}`;
    else if (values.newPassword === values.oldPassword) errors.newPassword = errorMessage('PASSWORD_UNCHANGED');
  }
  if (!values.confirmPassword) errors.confirmPassword = '请再次输入新密码';
  else if (values.confirmPassword !== values.newPassword) errors.confirmPassword = '两次输入的新密码不一致';
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
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const answer = await hallApi.changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      setMe(answer);
      Toast.show({ icon: 'success', content: '密码修改成功' });
      await navigate(safeNextPath(searchParams.get('next')) ?? '/', { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isRedirected(error)) return;
      const key = error instanceof ApiError ? fieldOf(error.code) : null;
      if (key) setErrors({ [key]: describeError(error) });
      else setFailure(describeError(error));
    }
  }

  return (
    <div className="password-page">
      <PageHeader title="修改密码" backTo={forced ? undefined : '/'} />
      {forced && <NoticeBar content={errorMessage('PASSWORD_CHANGE_REQUIRED')} color="alert" wrap />}
      <p className="password-page__rule">{passwordRuleText.zh}</p>
      <form className="card form-card" onSubmit={onSubmit} noValidate>
        {fields.map((field) => (
          <div className="form-field" key={field.key} data-field={field.key}>
            <label className="form-field__label" htmlFor={`password-${field.key}`}>
              {field.label}
            </label>
            <div className="form-field__control">
              <Input
                id={`password-${field.key}`}
                type="password"
                autoComplete={field.autoComplete}
                placeholder={field.key === 'oldPassword' ? '请输入原密码' : field.key === 'newPassword' ? '请输入新密码' : '请再次输入新密码'}
                value={values[field.key]}
                onChange={(value) => setValues((previous) => ({ ...previous, [field.key]: value }))}
                aria-invalid={errors[field.key] ? true : undefined}
                aria-describedby={errors[field.key] ? `password-${field.key}-error` : undefined}
              />
            </div>
            {errors[field.key] && (
              <p className="form-field__error" id={`password-${field.key}-error`}>
                {errors[field.key]}
              </p>
            )}
          </div>
        ))}
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <Button type="submit" color="primary" size="large" block loading={submitting}>
          确认修改
        </Button>
      </form>
      {forced && (
        <div className="password-page__logout">
          <Button fill="none" size="small" onClick={() => void logout(() => navigate('/login', { replace: true }))}>
            退出登录
          </Button>
        </div>
      )}
    </div>
  );
}
