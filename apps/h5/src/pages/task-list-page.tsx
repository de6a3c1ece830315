import { useCallback } from 'react';
import { InfiniteScroll } from 'antd-mobile';
import { useParams } from 'react-router';
import { taskStatusText } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { ApplicationItem, currentStepRows } from '../components/application-item.tsx';
import { ListEnd } from '../components/list-end.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import NotFoundPage from './not-found-page.tsx';

type Box = 'todo' | 'done';
const titles: Record<Box, string> = { todo: '待办', done: '已办' };

/** 待办 (/received/todo) and 已办 (/received/done): the tasks given to me. */
export default function TaskListPage() {
  const { box } = useParams();
  if (box !== 'todo' && box !== 'done') return <NotFoundPage />;
  return (
    <div className="task-list-page">
      <PageHeader title={titles[box]} backTo="/received" />
      <TaskList key={box} box={box} />
    </div>
  );
}

function TaskList({ box }: { box: Box }) {
  const fetchPage = useCallback((cursor: string | null) => hallApi.listTasks(box, cursor), [box]);
  const list = useCursorList(fetchPage);
  return (
    <>
      <ul className="application-list">
        {list.items.map((task) => {
          const { application } = task;
          const applicant = application.applicant.departmentName
            ? `${application.applicant.name}（${application.applicant.departmentName}）`
            : application.applicant.name;
          const rows = [
            { label: '申请人', value: applicant },
            { label: '提交时间', value: formatDateTime(application.submittedAt) },
            { label: '审批节点', value: task.nodeName },
          ];
          if (box === 'todo') rows.push({ label: '收到时间', value: formatDateTime(task.receivedAt) });
          else rows.push({ label: '我的处理', value: `${taskStatusText[task.taskStatus].zh}　${formatDateTime(task.handledAt)}` });
          return <ApplicationItem key={task.taskId} application={application} rows={box === 'done' ? [...rows, ...currentStepRows(application)] : rows} />;
        })}
      </ul>
      <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore}>
        {(hasMore, failed, retry) => (
          <ListEnd hasMore={hasMore} failed={failed} retry={retry} isEmpty={list.items.length === 0} lastError={list.lastError} emptyText={box === 'todo' ? '暂无待办' : '暂无已办'} />
        )}
      </InfiniteScroll>
    </>
  );
}
