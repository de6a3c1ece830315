import '../styles/lists.css';
import { Button, Dialog, Toast } from 'antd-mobile';
import { Link } from 'react-router';
import type { DraftSummaryDto } from '@onehall/contracts';
import { describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { useLoad } from '../hooks/use-load.ts';
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
    const confirmed = await Dialog.confirm({ content: `删除“${draft.serviceName}”的草稿？删除后不能恢复。`, confirmText: '删除', cancelText: '取消' });
    if (!confirmed) return;
    try {
      await hallApi.deleteDraft(draft.serviceCode);
      if (me) removeDraft({ personId: me.personId, serviceCode: draft.serviceCode, formVersion: draft.formVersion });
      if (drafts.data) drafts.setData({ items: drafts.data.items.filter((item) => item.serviceCode !== draft.serviceCode) });
      Toast.show({ icon: 'success', content: '已删除' });
    } catch (error) {
      if (!isRedirected(error)) Toast.show({ icon: 'fail', content: describeError(error) });
    }
  }

  if (drafts.loading && !drafts.data) return <PageLoading />;
  if (drafts.error != null) return <LoadError error={drafts.error} onRetry={drafts.reload} />;
  const items = drafts.data?.items ?? [];
  if (items.length === 0) return <EmptyState title="暂无草稿" description="填写中未提交的申请会自动保存在这里" />;
  return (
    <ul className="application-list" aria-label="草稿">
      {items.map((draft) => (
        <li className="application-item draft-item" key={draft.serviceCode}>
          <Link className="application-item__link" to={`/services/${encodeURIComponent(draft.serviceCode)}`}>
            <div className="application-item__head">
              <span className="application-item__title">{draft.serviceName}</span>
            </div>
            <dl className="application-item__rows">
              <div className="application-item__row">
                <dt>保存于</dt>
                <dd>{formatDateTime(draft.updatedAt)}</dd>
              </div>
            </dl>
          </Link>
          <Button className="draft-item__delete" size="mini" fill="outline" color="danger" onClick={() => void remove(draft)} aria-label={`删除“${draft.serviceName}”的草稿`}>
            删除
          </Button>
        </li>
      ))}
    </ul>
  );
}
