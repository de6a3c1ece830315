import '../styles/pages.css';
import { Button, ErrorBlock } from 'antd-mobile';
import { useNavigate } from 'react-router';

/** Any address the hall does not know. */
export function Component() {
  const navigate = useNavigate();
  return (
    <div className="load-state">
      <ErrorBlock status="empty" title="页面不存在" description="您访问的页面不存在或已移除">
        <Button color="primary" onClick={() => void navigate('/', { replace: true })}>
          返回首页
        </Button>
      </ErrorBlock>
    </div>
  );
}
