import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Link } from 'react-router';
import { useFreshLogin } from '../hooks/use-fresh-login.ts';

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
        <h1 className="login-page__title">解除绑定</h1>
        <p className="login-page__subtitle">一站式网上办事大厅</p>
      </div>

      <section className="journey-entry__card" aria-labelledby="unbind-when">
        <h2 className="card__title" id="unbind-when">
          何时需要解除绑定
        </h2>
        <p className="journey-entry__text">如本人因更换学号（民族预科生转本科、本科生继续在本校读研），需要重新将个人微信与企业号进行绑定，请先按如下流程进行解绑操作。</p>
        <ol className="journey-entry__steps">
          <li>点击【在校师生】，用统一身份认证的用户名及密码重新登录</li>
          <li>核对已绑定的手机号，点击【解除绑定】并确认</li>
          <li>完成：本人在所有设备上的登录随即结束，可立即用新学号重新注册</li>
        </ol>
        <Button block color="primary" size="large" loading={freshLogin.starting} onClick={() => void freshLogin.start()}>
          在校师生
        </Button>
      </section>

      <nav className="journey-entry__links" aria-label="相关链接">
        <Link to="/faq">常见问题</Link>
        <Link to="/register">用户注册</Link>
      </nav>
    </div>
  );
}
