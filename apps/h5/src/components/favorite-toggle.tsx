import '../styles/catalog.css';
import { useState } from 'react';
import { Toast } from './overlays.tsx';
import { StarFill, StarOutline } from 'antd-mobile-icons';
import { describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { t } from '../i18n/translate.ts';

interface FavoriteToggleProps {
  code: string;
  isFavorite: boolean;
  /** Told the new state once the server has it. */
  onChange: (isFavorite: boolean) => void;
}

/**
 * 收藏 / 取消收藏 of a service: a star button in the title bar. Its name says
 * what a tap does and `aria-pressed` whether the service is in 我的收藏, so a
 * screen reader reads "收藏, 切换按钮, 未按下".
 */
export function FavoriteToggle({ code, isFavorite, onChange }: FavoriteToggleProps) {
  const [busy, setBusy] = useState(false);

  async function toggle() {
    if (busy) return;
    setBusy(true);
    try {
      const state = await hallApi.setFavorite(code, !isFavorite);
      onChange(state.isFavorite);
      Toast.show({ icon: 'success', content: t(state.isFavorite ? 'components.favorite.added' : 'components.favorite.removed') });
    } catch (error) {
      if (!isRedirected(error)) Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="favorite-toggle" aria-label={t('components.favorite.label')} aria-pressed={isFavorite} disabled={busy} onClick={toggle} data-testid="favorite-toggle">
      {isFavorite ? <StarFill aria-hidden="true" /> : <StarOutline aria-hidden="true" />}
    </button>
  );
}
