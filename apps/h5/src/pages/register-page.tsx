import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorCodes, errorMessage } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { useFreshLogin } from '../hooks/use-fresh-login.ts';

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
        <h1 className="login-page__title">用户注册</h1>
        <p className="login-page__subtitle">一站式网上办事大厅</p>
      </div>

      {refusal && (
        <p className="form-error journey-entry__refusal" role="alert">
          {Object.prototype.hasOwnProperty.call(errorCodes, refusal) ? errorMessage(refusal) : errorMessage('INTERNAL')} <Link to="/faq">常见问题</Link>
        </p>
      )}
      <section className="journey-entry__card" aria-labelledby="register-verify">
        <h2 className="card__title" id="register-verify">
          验证身份
        </h2>
        <p className="journey-entry__text">
          点击【在校师生】后进行登录操作，所需的用户名及密码为学校统一身份认证平台登录的用户名（教师为工号，学生为学号）及密码（初始为身份证后 8 位）。
        </p>
        <Button block color="primary" size="large" loading={freshLogin.starting} onClick={() => void freshLogin.start()}>
          在校师生
        </Button>
      </section>

      <section className="journey-entry__card" aria-labelledby="register-steps">
        <h2 className="card__title" id="register-steps">
          注册流程
        </h2>
        <ol className="journey-entry__steps">
          <li>验证身份：点击【在校师生】并登录</li>
          <li>
            绑定手机号：①填写手机号，并点击下一步，再填写收到的短信验证码
            <span className="journey-entry__note">注：此处手机号务必与微信绑定手机号一致</span>
          </li>
          <li>②长按并关注微信企业号</li>
          <li>③完成</li>
        </ol>
      </section>

      <nav className="journey-entry__links" aria-label="相关链接">
        <Link to="/faq">常见问题</Link>
        <Link to="/unbind">解除绑定</Link>
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
