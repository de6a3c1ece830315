import '../styles/pages.css';
import { useEffect } from 'react';
import { Button } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { JourneyResult } from '../components/journey-result.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { setMe } from '../session/session-store.ts';

/**
 * 解除绑定 完成: every session of the person has ended, so the page lives
 * outside the session gate and forgets the person. Registering the new
 * identity may follow at once: it starts with a new login.
 */
export default function UnbindDonePage() {
  const navigate = useNavigate();
  useEffect(() => setMe(null), []);
  return (
    <div className="journey-page">
      <PageHeader title="完成" />
      <JourneyResult
        title="已解除绑定"
        actions={
          <Button block color="primary" size="large" onClick={() => void navigate('/register', { replace: true })}>
            用户注册
          </Button>
        }
      >
        <p>您已在所有设备上退出登录。</p>
        <p className="muted">现在即可用新的学号（工号）进行用户注册。注册时会要求重新登录，原来的身份不会被自动带入，无需清理微信缓存。</p>
      </JourneyResult>
      <p className="journey-page__help">
        有疑问？请看<Link to="/faq">常见问题</Link>
      </p>
    </div>
  );
}
