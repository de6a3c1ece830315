import { useCallback } from 'react';
import { Tabs } from '../components/tabs.tsx';
import { useSearchParams } from 'react-router';
import { applicationStatusText, sentStatusFilters, type ApplicationStatus } from '@onehall/contracts/plain';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationItem, currentStepRows } from '../components/application-item.tsx';
import { DraftList } from '../components/draft-list.tsx';
import { filtersKey, ListFilterBar, readFilters, writeFilters, type ListFilters } from '../components/list-filters.tsx';
import { ListMore } from '../components/list-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { pick, t } from '../i18n/translate.ts';

const ALL = 'all';
/** The 草稿 tab, in the address as ?tab=drafts. */
const DRAFTS = 'drafts';

/**
 * The tabs, in order: 全部, 草稿, then each status. 草稿 lists drafts kept on
 * the server: their own list, not a status filter (and without the filters).
 */
function statusTabs(): { key: string; title: string }[] {
  return [
    { key: ALL, title: t('pages.sent.all') },
    { key: DRAFTS, title: t('pages.sent.drafts') },
    ...sentStatusFilters.map((status) => ({ key: status, title: pick(applicationStatusText[status]) })),
  ];
}

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
      <PageHeader title={t('pages.sent.title')} />
      <Tabs className="sticky-tabs" activeKey={isDrafts ? DRAFTS : (status ?? ALL)} onChange={setStatus}>
        {statusTabs().map((tab) => (
          <Tabs.Tab title={tab.title} key={tab.key} />
        ))}
      </Tabs>
      {isDrafts ? (
        <DraftList />
      ) : (
        <>
          <ListFilterBar list="sent" filters={filters} dateLabel={t('pages.sent.dateLabel')} onChange={(next) => setSearchParams(writeFilters(searchParams, next), { replace: true })} />
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
              { label: t('pages.serialNo'), value: application.serialNo },
              { label: t('pages.submittedAt'), value: formatDateTime(application.submittedAt) },
              ...currentStepRows(application),
            ]}
          />
        ))}
      </ul>
      <ListMore list={list} emptyText={filtered ? t('pages.noMatch') : t('pages.sent.empty')} />
    </>
  );
}
