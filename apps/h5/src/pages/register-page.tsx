import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Link } from 'react-router';
import { useFreshLogin } from '../hooks/use-fresh-login.ts';

/**
 * 用户注册 (manual 1.1–1.2): the page the registration QR code opens.
 * 【在校师生】 always asks for a new login, then binding the phone follows.
 */
export default function RegisterPage() {
  const freshLogin = useFreshLogin('/register/phone');
  return (
    <div className="journey-entry">
      <div className="login-page__brand">
        <img className="login-page__logo" src="/favicon.svg" alt="" width="56" height="56" />
        <h1 className="login-page__title">用户注册</h1>
        <p className="login-page__subtitle">一站式网上办事大厅</p>
      </div>

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
