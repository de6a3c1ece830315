import '../styles/lists.css';
import { useCallback, useState } from 'react';
import { Button } from 'antd-mobile';
import { Tabs } from '../components/tabs.tsx';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ReceivedTaskDto } from '@onehall/contracts';
import { taskStatusText } from '@onehall/contracts/plain';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationItem, currentStepRows } from '../components/application-item.tsx';
import { BatchApproveBar, batchRefusal } from '../components/batch-approve.tsx';
import { filtersKey, ListFilterBar, readFilters, writeFilters, type ListFilters } from '../components/list-filters.tsx';
import { ListMore } from '../components/list-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { useLoad } from '../hooks/use-load.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { pick, t } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh.ts';
import NotFoundPage from './not-found-page.tsx';

type Box = 'todo' | 'done' | 'cc';
/** Each list's words, as message keys (read when drawn). */
const boxes: { key: Box; title: MessageKey; dateLabel: MessageKey; empty: MessageKey }[] = [
  { key: 'todo', title: 'pages.box.todo', dateLabel: 'pages.tasks.todoDate', empty: 'pages.tasks.todoEmpty' },
  { key: 'done', title: 'pages.box.done', dateLabel: 'pages.tasks.doneDate', empty: 'pages.tasks.doneEmpty' },
  { key: 'cc', title: 'pages.box.cc', dateLabel: 'pages.tasks.ccDate', empty: 'pages.tasks.ccEmpty' },
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
      <PageHeader title={t(box.title)} backTo="/received" />
      <Tabs className="sticky-tabs" activeKey={box.key} onChange={(key) => void navigate(`/received/${key}`, { replace: true })}>
        {boxes.map((tab) => (
          <Tabs.Tab key={tab.key} title={<span data-testid={`tab-${tab.key}`}>{`${t(tab.title)}${count(tab.key)}`}</span>} />
        ))}
      </Tabs>
      <ListFilterBar list={box.key} filters={filters} dateLabel={t(box.dateLabel)} searchable onChange={(next) => setSearchParams(writeFilters(searchParams, next), { replace: true })} />
      {box.key === 'cc' ? (
        <CopyList key={filtersKey(filters)} filters={filters} empty={t(box.empty)} />
      ) : (
        <TaskList key={`${filtersKey(filters)}|${generation}`} box={box.key} filters={filters} empty={t(box.empty)} onBatchDone={() => setGeneration((n) => n + 1)} />
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
            {t('pages.tasks.batch')}
          </Button>
        </div>
      )}
      <ul className={choosing ? 'application-list application-list--choosing' : 'application-list'}>
        {list.items.map((task) => {
          const { application } = task;
          const applicant = application.applicant.departmentName ? t('pages.personWithDepartment', { name: application.applicant.name, department: application.applicant.departmentName }) : application.applicant.name;
          const rows = [
            { label: t('pages.applicant'), value: applicant },
            { label: t('pages.serialNo'), value: application.serialNo },
            { label: t('pages.nodeName'), value: task.nodeName },
          ];
          if (box === 'todo') rows.push({ label: t('pages.tasks.receivedAt'), value: formatDateTime(task.receivedAt) });
          else rows.push({ label: t('pages.tasks.myAction'), value: t('pages.tasks.myActionValue', { status: pick(taskStatusText[task.taskStatus]), time: formatDateTime(task.handledAt) }) });
          const selection = choosing ? { checked: chosen.some((c) => c.taskId === task.taskId), disabledReason: batchRefusal(task, chosen.filter((c) => c.taskId !== task.taskId)), onToggle: () => toggle(task) } : undefined;
          return <ApplicationItem key={task.taskId} application={application} rows={box === 'done' ? [...rows, ...currentStepRows(application)] : rows} selection={selection} />;
        })}
      </ul>
      <ListMore list={list} emptyText={isFiltered(filters) ? t('pages.noMatch') : empty} />
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
            { label: t('pages.applicant'), value: application.applicant.name },
            { label: t('pages.serialNo'), value: application.serialNo },
            { label: t('pages.tasks.copiedAt'), value: formatDateTime(copy.copiedAt) },
            ...(copy.copiedBy ? [{ label: t('pages.tasks.copiedBy'), value: copy.copiedBy }] : []),
            ...currentStepRows(application),
          ];
          const badge = copy.readAt === null ? <span className="unread-mark">{t('pages.tasks.unread')}</span> : undefined;
          return <ApplicationItem key={`${application.id}|${copy.copiedAt}`} application={application} rows={rows} badge={badge} />;
        })}
      </ul>
      <ListMore list={list} emptyText={isFiltered(filters) ? t('pages.noMatch') : empty} />
    </>
  );
}
