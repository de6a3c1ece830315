import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { EmptyState } from '../components/empty-state.tsx';

/** Any address the hall does not know. */
export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <div className="not-found-page">
      <EmptyState title="页面不存在" description="您访问的页面不存在或已移除">
        <Button color="primary" onClick={() => void navigate('/', { replace: true })}>
          返回首页
        </Button>
      </EmptyState>
    </div>
  );
}
