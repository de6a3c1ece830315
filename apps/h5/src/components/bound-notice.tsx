import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { errorMessage, type BindingStatusDto } from '@onehall/contracts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { JourneyResult } from './journey-result.tsx';

/**
 * The registration of a person who is bound already: the masked phone, the
 * way into the hall, and 解除绑定 for one who needs to change it. Opened in
 * WeCom as another member than the one bound, it says so first.
 */
export function BoundNotice({ binding }: { binding: BindingStatusDto }) {
  const navigate = useNavigate();
  const conflict = binding.wecomConflict;
  return (
    <JourneyResult
      title={conflict ? '当前企业微信无法绑定' : '您已完成注册绑定'}
      tone={conflict ? 'warning' : 'done'}
      actions={
        <>
          <Button block color="primary" size="large" onClick={() => void navigate('/', { replace: true })}>
            进入办事大厅
          </Button>
          <Button block color="primary" fill="outline" size="large" onClick={() => void navigate('/unbind')}>
            解除绑定
          </Button>
        </>
      }
    >
      {conflict && (
        <p className="form-error" role="alert">
          {errorMessage(conflict)}
        </p>
      )}
      <dl className="kv-list journey-result__facts">
        <div className="kv-list__row">
          <dt>绑定手机号</dt>
          <dd data-testid="bound-phone">{binding.phone}</dd>
        </div>
        {binding.boundAt && (
          <div className="kv-list__row">
            <dt>绑定时间</dt>
            <dd>{formatDateTime(binding.boundAt)}</dd>
          </div>
        )}
      </dl>
      <p className="muted">如需更换手机号或学号（工号），请先解除绑定，再重新注册。</p>
    </JourneyResult>
  );
}
