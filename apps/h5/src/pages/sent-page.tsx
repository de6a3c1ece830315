import { useCallback } from 'react';
import { InfiniteScroll, Tabs } from 'antd-mobile';
import { useSearchParams } from 'react-router';
import { applicationStatuses, applicationStatusText, type ApplicationStatus } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationItem, currentStepRows } from '../components/application-item.tsx';
import { ListEnd } from '../components/list-end.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';

const ALL = 'all';

function parseStatus(value: string | null): ApplicationStatus | undefined {
  return applicationStatuses.find((status) => status === value);
}

/** 发出的事项: the applications I submitted, filtered by status. */
export default function SentPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));

  return (
    <div className="sent-page">
      <PageHeader title="发出的事项" />
      <Tabs
        className="sticky-tabs"
        activeKey={status ?? ALL}
        onChange={(key) => setSearchParams(key === ALL ? {} : { status: key }, { replace: true })}
      >
        <Tabs.Tab title="全部" key={ALL} />
        {applicationStatuses.map((value) => (
          <Tabs.Tab title={applicationStatusText[value].zh} key={value} />
        ))}
      </Tabs>
      {/* A new key per filter starts the list again from its first page. */}
      <SentList key={status ?? ALL} status={status} />
    </div>
  );
}

function SentList({ status }: { status: ApplicationStatus | undefined }) {
  const fetchPage = useCallback((cursor: string | null) => hallApi.listSent({ status, cursor }), [status]);
  const list = useCursorList(fetchPage);
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
          <ListEnd hasMore={hasMore} failed={failed} retry={retry} isEmpty={list.items.length === 0} lastError={list.lastError} emptyText="暂无发出的事项" />
        )}
      </InfiniteScroll>
    </>
  );
}
