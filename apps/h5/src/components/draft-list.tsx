import '../styles/lists.css';
import { Button } from 'antd-mobile';
import { Dialog, Toast } from './overlays.tsx';
import { Link } from 'react-router';
import type { DraftSummaryDto } from '@onehall/contracts';
import { describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';
import { removeDraft } from '../lib/draft-storage.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { useMe } from '../session/session-store.ts';
import { EmptyState } from './empty-state.tsx';
import { LoadError, PageLoading } from './load-state.tsx';

/**
 * 发出的事项 › 草稿: my drafts kept on the server, newest first. A draft
 * opens its service's page, which restores it; 删除 forgets it on the server
 * and on this phone (else the phone's copy would come back on opening).
 */
export function DraftList() {
  const drafts = useLoad(() => hallApi.listDrafts(), []);
  const me = useMe();

  async function remove(draft: DraftSummaryDto) {
    const confirmed = await Dialog.confirm({ content: t('components.drafts.confirmDelete', { service: draft.serviceName }), confirmText: t('components.delete'), cancelText: t('common.cancel') });
    if (!confirmed) return;
    try {
      await hallApi.deleteDraft(draft.serviceCode);
      if (me) removeDraft({ personId: me.personId, serviceCode: draft.serviceCode, formVersion: draft.formVersion });
      if (drafts.data) drafts.setData({ items: drafts.data.items.filter((item) => item.serviceCode !== draft.serviceCode) });
      Toast.show({ icon: 'success', content: t('components.drafts.deleted') });
    } catch (error) {
      if (!isRedirected(error)) Toast.show({ icon: 'fail', content: describeError(error) });
    }
  }

  if (drafts.loading && !drafts.data) return <PageLoading />;
  if (drafts.error != null) return <LoadError error={drafts.error} onRetry={drafts.reload} />;
  const items = drafts.data?.items ?? [];
  if (items.length === 0) return <EmptyState title={t('components.drafts.empty')} description={t('components.drafts.emptyNote')} />;
  return (
    <ul className="application-list" aria-label={t('components.drafts.label')}>
      {items.map((draft) => (
        <li className="application-item draft-item" key={draft.serviceCode}>
          <Link className="application-item__link" to={`/services/${encodeURIComponent(draft.serviceCode)}`}>
            <div className="application-item__head">
              <span className="application-item__title">{draft.serviceName}</span>
            </div>
            <dl className="application-item__rows">
              <div className="application-item__row">
                <dt>{t('components.drafts.savedAt')}</dt>
                <dd>{formatDateTime(draft.updatedAt)}</dd>
              </div>
            </dl>
          </Link>
          <Button className="draft-item__delete" size="mini" fill="outline" color="danger" onClick={() => void remove(draft)} aria-label={t('components.drafts.deleteOne', { service: draft.serviceName })}>
            {t('components.delete')}
          </Button>
        </li>
      ))}
    </ul>
  );
}
