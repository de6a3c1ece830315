import '../styles/lists.css';
import { useCallback, useState } from 'react';
import { Button, InfiniteScroll, Tabs } from 'antd-mobile';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { taskStatusText, type ReceivedTaskDto } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationItem, currentStepRows } from '../components/application-item.tsx';
import { BatchApproveBar, batchRefusal } from '../components/batch-approve.tsx';
import { filtersKey, ListFilterBar, readFilters, writeFilters, type ListFilters } from '../components/list-filters.tsx';
import { ListEnd } from '../components/list-end.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useLoad } from '../hooks/use-load.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import NotFoundPage from './not-found-page.tsx';

type Box = 'todo' | 'done' | 'cc';
const boxes: { key: Box; title: string; dateLabel: string; empty: string }[] = [
  { key: 'todo', title: '待办', dateLabel: '收到日期', empty: '暂无待办' },
  { key: 'done', title: '已办', dateLabel: '办理日期', empty: '暂无已办' },
  { key: 'cc', title: '抄送我', dateLabel: '抄送日期', empty: '暂无抄送' },
];

/** 待办 (/received/todo), 已办 (/received/done) and 抄送我 (/received/cc), with their filters and search. */
export default function TaskListPage() {
  const { box } = useParams();
  const current = boxes.find((candidate) => candidate.key === box);
  if (!current) return <NotFoundPage />;
  return <ReceivedLists key={current.key} box={current} />;
}

function ReceivedLists({ box }: { box: (typeof boxes)[number] }) {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  // Bumped after a batch: the list starts again and the counts are asked again.
  const [generation, setGeneration] = useState(0);
  const counts = useLoad(() => hallApi.getInboxCounts(), [generation]);
  const count = (key: Box) => (counts.data ? ` ${counts.data[key]}` : '');

  return (
    <div className="task-list-page">
      <PageHeader title={box.title} backTo="/received" />
      <Tabs className="sticky-tabs" activeKey={box.key} onChange={(key) => void navigate(`/received/${key}`, { replace: true })}>
        {boxes.map((tab) => (
          <Tabs.Tab key={tab.key} title={<span data-testid={`tab-${tab.key}`}>{`${tab.title}${count(tab.key)}`}</span>} />
        ))}
      </Tabs>
      <ListFilterBar list={box.key} filters={filters} dateLabel={box.dateLabel} searchable onChange={(next) => setSearchParams(writeFilters(searchParams, next), { replace: true })} />
      {box.key === 'cc' ? (
        <CopyList key={filtersKey(filters)} filters={filters} empty={box.empty} />
      ) : (
        <TaskList key={`${filtersKey(filters)}|${generation}`} box={box.key} filters={filters} empty={box.empty} onBatchDone={() => setGeneration((n) => n + 1)} />
      )}
    </div>
  );
}

const isFiltered = (filters: ListFilters) => Object.values(filters).some((value) => value !== undefined);

function TaskList({ box, filters, empty, onBatchDone }: { box: 'todo' | 'done'; filters: ListFilters; empty: string; onBatchDone: () => void }) {
  const { serviceId, from, to, q } = filters;
  const fetchPage = useCallback((cursor: string | null) => hallApi.listTasks(box, { serviceId, from, to, q, cursor }), [box, serviceId, from, to, q]);
  const list = useCursorList(fetchPage);
  // 批量审批: choosing todos instead of opening them.
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<ReceivedTaskDto[]>([]);
  const canBatch = box === 'todo' && list.items.some((task) => task.canBatchApprove);

  function toggle(task: ReceivedTaskDto) {
    setChosen((previous) => (previous.some((c) => c.taskId === task.taskId) ? previous.filter((c) => c.taskId !== task.taskId) : [...previous, task]));
  }

  return (
    <>
      {canBatch && !choosing && (
        <div className="list-toolbar">
          <Button size="small" color="primary" fill="outline" onClick={() => setChoosing(true)}>
            批量审批
          </Button>
        </div>
      )}
      <ul className={choosing ? 'application-list application-list--choosing' : 'application-list'}>
        {list.items.map((task) => {
          const { application } = task;
          const applicant = application.applicant.departmentName ? `${application.applicant.name}（${application.applicant.departmentName}）` : application.applicant.name;
          const rows = [
            { label: '申请人', value: applicant },
            { label: '流水号', value: application.serialNo },
            { label: '审批节点', value: task.nodeName },
          ];
          if (box === 'todo') rows.push({ label: '收到时间', value: formatDateTime(task.receivedAt) });
          else rows.push({ label: '我的处理', value: `${taskStatusText[task.taskStatus].zh}　${formatDateTime(task.handledAt)}` });
          const selection = choosing ? { checked: chosen.some((c) => c.taskId === task.taskId), disabledReason: batchRefusal(task, chosen.filter((c) => c.taskId !== task.taskId)), onToggle: () => toggle(task) } : undefined;
          return <ApplicationItem key={task.taskId} application={application} rows={box === 'done' ? [...rows, ...currentStepRows(application)] : rows} selection={selection} />;
        })}
      </ul>
      <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore}>
        {(hasMore, failed, retry) => (
          <ListEnd hasMore={hasMore} failed={failed} retry={retry} isEmpty={list.items.length === 0} lastError={list.lastError} emptyText={isFiltered(filters) ? '没有符合条件的事项' : empty} />
        )}
      </InfiniteScroll>
      {choosing && (
        <BatchApproveBar
          chosen={chosen}
          onCancel={() => {
            setChoosing(false);
            setChosen([]);
          }}
          onDone={onBatchDone}
        />
      )}
    </>
  );
}

function CopyList({ filters, empty }: { filters: ListFilters; empty: string }) {
  const { serviceId, from, to, q } = filters;
  const fetchPage = useCallback((cursor: string | null) => hallApi.listCopies({ serviceId, from, to, q, cursor }), [serviceId, from, to, q]);
  const list = useCursorList(fetchPage);
  return (
    <>
      <ul className="application-list">
        {list.items.map((copy) => {
          const { application } = copy;
          const rows = [
            { label: '申请人', value: application.applicant.name },
            { label: '流水号', value: application.serialNo },
            { label: '抄送时间', value: formatDateTime(copy.copiedAt) },
            ...(copy.copiedBy ? [{ label: '抄送人', value: copy.copiedBy }] : []),
            ...currentStepRows(application),
          ];
          const badge = copy.readAt === null ? <span className="unread-mark">未读</span> : undefined;
          return <ApplicationItem key={`${application.id}|${copy.copiedAt}`} application={application} rows={rows} badge={badge} />;
        })}
      </ul>
      <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore}>
        {(hasMore, failed, retry) => (
          <ListEnd hasMore={hasMore} failed={failed} retry={retry} isEmpty={list.items.length === 0} lastError={list.lastError} emptyText={isFiltered(filters) ? '没有符合条件的事项' : empty} />
        )}
      </InfiniteScroll>
    </>
  );
}
