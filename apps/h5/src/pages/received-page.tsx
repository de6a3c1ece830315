import '../styles/lists.css';
import { Badge } from 'antd-mobile';
import { Link } from 'react-router';
import { LoadError } from '../components/load-state.tsx';
import { useMainLayout } from '../components/main-layout.tsx';
import { MessageBell } from '../components/message-bell.tsx';
import { PageHeader } from '../components/page-header.tsx';

/** 收到的事项: my 待办, 已办 and 抄送我 counts; a tap on a number opens its list. */
export default function ReceivedPage() {
  const { counts, countsError, reloadCounts } = useMainLayout();
  const show = (n: number | undefined) => (n === undefined ? '–' : String(n));
  const unreadCopies = counts?.ccUnread ?? 0;

  return (
    <div className="received-page">
      <PageHeader title="收到的事项" right={<MessageBell />} />
      {countsError != null && !counts ? (
        <LoadError error={countsError} onRetry={reloadCounts} />
      ) : (
        <div className="inbox-counts inbox-counts--three">
          <Link to="/received/todo" className="inbox-counts__item inbox-counts__item--todo" aria-label={`待办 ${show(counts?.todo)}`}>
            <span className="inbox-counts__number" data-testid="todo-count">
              {show(counts?.todo)}
            </span>
            <span className="inbox-counts__label">待办</span>
          </Link>
          <Link to="/received/done" className="inbox-counts__item" aria-label={`已办 ${show(counts?.done)}`}>
            <span className="inbox-counts__number" data-testid="done-count">
              {show(counts?.done)}
            </span>
            <span className="inbox-counts__label">已办</span>
          </Link>
          <Link to="/received/cc" className="inbox-counts__item" aria-label={`抄送我 ${show(counts?.cc)}${unreadCopies > 0 ? `，${unreadCopies} 条未读` : ''}`}>
            <Badge content={unreadCopies > 0 ? unreadCopies : null} className="inbox-counts__badge">
              <span className="inbox-counts__number" data-testid="cc-count">
                {show(counts?.cc)}
              </span>
            </Badge>
            <span className="inbox-counts__label">抄送我</span>
          </Link>
        </div>
      )}
    </div>
  );
}
