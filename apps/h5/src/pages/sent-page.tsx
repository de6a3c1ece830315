import { useCallback } from 'react';
import { InfiniteScroll, Tabs } from 'antd-mobile';
import { useSearchParams } from 'react-router';
import { applicationStatusText, sentStatusFilters, type ApplicationStatus } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationItem, currentStepRows } from '../components/application-item.tsx';
import { DraftList } from '../components/draft-list.tsx';
import { filtersKey, ListFilterBar, readFilters, writeFilters, type ListFilters } from '../components/list-filters.tsx';
import { ListEnd } from '../components/list-end.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';

const ALL = 'all';
/** The 草稿 tab, in the address as ?tab=drafts. */
const DRAFTS = 'drafts';

/**
 * The tabs, in order: 全部, 草稿, then each status. 草稿 lists drafts kept on
 * the server: their own list, not a status filter (and without the filters).
 */
const statusTabs: { key: string; title: string }[] = [
  { key: ALL, title: '全部' },
  { key: DRAFTS, title: '草稿' },
  ...sentStatusFilters.map((status) => ({ key: status, title: applicationStatusText[status].zh })),
];

function parseStatus(value: string | null): ApplicationStatus | undefined {
  return sentStatusFilters.find((status) => status === value);
}

/** 发出的事项: the applications I submitted, by status, service and the day submitted, and my drafts (草稿). */
export default function SentPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const isDrafts = searchParams.get('tab') === DRAFTS;
  const status = isDrafts ? undefined : parseStatus(searchParams.get('status'));
  const filters = readFilters(searchParams);

  function setStatus(key: string) {
    const next = new URLSearchParams(searchParams);
    next.delete('tab');
    if (key === ALL || key === DRAFTS) next.delete('status');
    else next.set('status', key);
    if (key === DRAFTS) next.set('tab', DRAFTS);
    setSearchParams(next, { replace: true });
  }

  return (
    <div className="sent-page">
      <PageHeader title="发出的事项" />
      <Tabs className="sticky-tabs" activeKey={isDrafts ? DRAFTS : (status ?? ALL)} onChange={setStatus}>
        {statusTabs.map((tab) => (
          <Tabs.Tab title={tab.title} key={tab.key} />
        ))}
      </Tabs>
      {isDrafts ? (
        <DraftList />
      ) : (
        <>
          <ListFilterBar list="sent" filters={filters} dateLabel="提交日期" onChange={(next) => setSearchParams(writeFilters(searchParams, next), { replace: true })} />
          {/* A new key per filter starts the list again from its first page. */}
          <SentList key={`${status ?? ALL}|${filtersKey(filters)}`} status={status} filters={filters} />
        </>
      )}
    </div>
  );
}

function SentList({ status, filters }: { status: ApplicationStatus | undefined; filters: ListFilters }) {
  const { serviceId, from, to } = filters;
  const fetchPage = useCallback((cursor: string | null) => hallApi.listSent({ status, serviceId, from, to, cursor }), [status, serviceId, from, to]);
  const list = useCursorList(fetchPage);
  const filtered = status !== undefined || serviceId !== undefined || from !== undefined || to !== undefined;
  return (
    <>
      <ul className="application-list">
        {list.items.map((application) => (
          <ApplicationItem
            key={application.id}
            application={application}
            rows={[
              { label: '流水号', value: application.serialNo },
              { label: '提交时间', value: formatDateTime(application.submittedAt) },
              ...currentStepRows(application),
            ]}
          />
        ))}
      </ul>
      <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore}>
        {(hasMore, failed, retry) => (
          <ListEnd hasMore={hasMore} failed={failed} retry={retry} isEmpty={list.items.length === 0} lastError={list.lastError} emptyText={filtered ? '没有符合条件的事项' : '暂无发出的事项'} />
        )}
      </InfiniteScroll>
    </>
  );
}
