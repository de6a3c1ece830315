import { Link } from 'react-router';
import { LoadError } from '../components/load-state.tsx';
import { useMainLayout } from '../components/main-layout.tsx';
import { PageHeader } from '../components/page-header.tsx';

/** 收到的事项: my todo and done counts; a tap on a number opens its list. */
export default function ReceivedPage() {
  const { counts, countsError, reloadCounts } = useMainLayout();
  const show = (n: number | undefined) => (n === undefined ? '–' : String(n));

  return (
    <div className="received-page">
      <PageHeader title="收到的事项" />
      {countsError != null && !counts ? (
        <LoadError error={countsError} onRetry={reloadCounts} />
      ) : (
        <div className="inbox-counts">
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
        </div>
      )}
    </div>
  );
}
