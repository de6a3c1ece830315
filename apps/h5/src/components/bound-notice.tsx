import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import type { BindingStatusDto } from '@onehall/contracts';
import { errorMessage } from '@onehall/contracts/plain';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
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
      title={t(conflict ? 'components.bound.conflict' : 'components.bound.title')}
      tone={conflict ? 'warning' : 'done'}
      actions={
        <>
          <Button block color="primary" size="large" onClick={() => void navigate('/', { replace: true })}>
            {t('components.bound.enter')}
          </Button>
          <Button block color="primary" fill="outline" size="large" onClick={() => void navigate('/unbind')}>
            {t('components.bound.unbind')}
          </Button>
        </>
      }
    >
      {conflict && (
        <p className="form-error" role="alert">
          {errorMessage(conflict, language)}
        </p>
      )}
      <dl className="kv-list journey-result__facts">
        <div className="kv-list__row">
          <dt>{t('components.bound.phone')}</dt>
          <dd data-testid="bound-phone">{binding.phone}</dd>
        </div>
        {binding.boundAt && (
          <div className="kv-list__row">
            <dt>{t('components.bound.at')}</dt>
            <dd>{formatDateTime(binding.boundAt)}</dd>
          </div>
        )}
      </dl>
      <p className="muted">{t('components.bound.note')}</p>
    </JourneyResult>
  );
}
