import { useCallback } from 'react';
import { Button, Empty, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { auditActions, auditActionText, errorMessage, type AuditAction, type AuditEntryDto } from '@onehall/contracts';
import { adminApi, isKnownErrorCode } from '../api/admin-api.ts';
import { useCursorListing } from '../hooks/use-cursor-listing.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { ListFooter } from '../components/list-footer.tsx';
import { LoadFailure } from '../components/load-failure.tsx';

const ALL = 'all';

const actionOptions = [{ value: ALL, label: '全部' }, ...auditActions.map((action) => ({ value: action, label: auditActionText[action].zh }))];

/** The ?action= of the address, when it names an audit action. */
function actionFromSearch(value: string | null): AuditAction | undefined {
  return auditActions.find((action) => action === value);
}

/** 成功, or what refused the attempt in the words the person saw (the code itself when the table does not know it). */
function OutcomeTag({ outcome }: { outcome: string }) {
  if (outcome === 'ok') return <Tag color="success">成功</Tag>;
  return (
    <Tag color="error" title={outcome}>
      {isKnownErrorCode(outcome) ? errorMessage(outcome) : outcome}
    </Tag>
  );
}

/** The person, or what was typed when no account matched (a failed login with an unknown number). */
function ActorText({ actor }: { actor: AuditEntryDto['actor'] }) {
  if (!actor.name) return actor.label ? <>账号 {actor.label}</> : <>—</>;
  return (
    <>
      {actor.name}
      {actor.label && <Typography.Text type="secondary" className="audit-actor__account">{actor.label}</Typography.Text>}
    </>
  );
}

/** A long value cut to its column, whole in a tooltip (or — when there is none). */
function CutText({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  return (
    <Tooltip placement="topLeft" title={text}>
      {text}
    </Tooltip>
  );
}

const columns: TableColumnsType<AuditEntryDto> = [
  { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
  { title: '操作', dataIndex: 'action', width: 120, render: (action: AuditAction) => auditActionText[action].zh },
  { title: '结果', dataIndex: 'outcome', width: 240, render: (outcome: string) => <OutcomeTag outcome={outcome} /> },
  { title: '人员', key: 'actor', width: 170, render: (_: unknown, entry) => <ActorText actor={entry.actor} /> },
  // What the action was done to, as the server names it: account:2023001, person:<id>, identity_provider:cas.
  { title: '目标', dataIndex: 'target', width: 180, ellipsis: { showTitle: false }, render: (target: string | null) => <CutText text={target} /> },
  { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  { title: '客户端', dataIndex: 'userAgent', ellipsis: { showTitle: false }, render: (userAgent: string | null) => <CutText text={userAgent} /> },
];

/**
 * 审计日志: who logged in, failed to, logged out, changed a password or a
 * setting, and to what (目标), newest first. Filtered by 操作 (kept in
 * ?action= so the view can be linked and reloaded); 加载更多 follows the
 * server's keyset cursor, so entries written meanwhile never shift what the
 * next page holds.
 */
export default function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const action = actionFromSearch(searchParams.get('action'));
  const fetchPage = useCallback((cursor?: string) => adminApi.listAudit({ action, cursor }), [action]);
  const { listing, loading, failure, loadingMore, moreFailure, load, loadMore } = useCursorListing<AuditEntryDto>(fetchPage);

  function chooseAction(value: string) {
    setSearchParams(value === ALL ? {} : { action: value }, { replace: true });
  }

  const emptyText = action ? `暂无“${auditActionText[action].zh}”记录` : '暂无审计记录';
  const count = listing?.items.length ?? 0;

  const footer = (
    <ListFooter
      failure={moreFailure}
      hasMore={Boolean(listing?.nextCursor)}
      loadingMore={loadingMore}
      onLoadMore={() => void loadMore()}
      allShown={listing && count > 0 && !loading ? `已显示全部 ${count} 条` : null}
    />
  );

  return (
    <>
      <div className="admin-toolbar">
        <Typography.Title level={2} className="admin-page-title">
          审计日志
        </Typography.Title>
        <Space wrap>
          <label htmlFor="audit-action">操作</label>
          <Select id="audit-action" value={action ?? ALL} options={actionOptions} onChange={chooseAction} style={{ width: 160 }} />
          <Button onClick={() => void load()} loading={loading && listing !== null}>
            刷新
          </Button>
        </Space>
      </div>
      {failure ? (
        <LoadFailure message={failure} onRetry={() => void load()} />
      ) : (
        <>
          <Table<AuditEntryDto>
            rowKey="id"
            columns={columns}
            dataSource={listing?.items ?? []}
            loading={loading}
            pagination={false}
            scroll={{ x: 1100 }}
            // While the first page loads, an empty box under the spinner rather than "暂无…".
            locale={{ emptyText: loading ? <div className="admin-table-placeholder" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          />
          {footer && <div className="admin-list-footer">{footer}</div>}
        </>
      )}
    </>
  );
}
