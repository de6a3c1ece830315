import '../styles/lists.css';
import { Badge } from 'antd-mobile';
import { Link } from 'react-router';
import { LoadError } from '../components/load-state.tsx';
import { useMainLayout } from '../components/main-layout.tsx';
import { MessageBell } from '../components/message-bell.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { t } from '../i18n/translate.ts';

/** 收到的事项: my 待办, 已办 and 抄送我 counts; a tap on a number opens its list. */
export default function ReceivedPage() {
  const { counts, countsError, reloadCounts } = useMainLayout();
  const show = (n: number | undefined) => (n === undefined ? '–' : String(n));
  const unreadCopies = counts?.ccUnread ?? 0;
  const ccCount = { box: t('pages.box.cc'), count: show(counts?.cc) };
  const ccLabel = unreadCopies > 0 ? t('pages.received.ccUnread', { ...ccCount, unread: unreadCopies }) : t('pages.received.count', ccCount);

  return (
    <div className="received-page">
      <PageHeader title={t('pages.received.title')} right={<MessageBell />} />
      {countsError != null && !counts ? (
        <LoadError error={countsError} onRetry={reloadCounts} />
      ) : (
        <div className="inbox-counts inbox-counts--three">
          <Link to="/received/todo" className="inbox-counts__item inbox-counts__item--todo" aria-label={t('pages.received.count', { box: t('pages.box.todo'), count: show(counts?.todo) })}>
            <span className="inbox-counts__number" data-testid="todo-count">
              {show(counts?.todo)}
            </span>
            <span className="inbox-counts__label">{t('pages.box.todo')}</span>
          </Link>
          <Link to="/received/done" className="inbox-counts__item" aria-label={t('pages.received.count', { box: t('pages.box.done'), count: show(counts?.done) })}>
            <span className="inbox-counts__number" data-testid="done-count">
              {show(counts?.done)}
            </span>
            <span className="inbox-counts__label">{t('pages.box.done')}</span>
          </Link>
          <Link to="/received/cc" className="inbox-counts__item" aria-label={ccLabel}>
            <Badge content={unreadCopies > 0 ? unreadCopies : null} className="inbox-counts__badge">
              <span className="inbox-counts__number" data-testid="cc-count">
                {show(counts?.cc)}
              </span>
            </Badge>
            <span className="inbox-counts__label">{t('pages.box.cc')}</span>
          </Link>
        </div>
      )}
    </div>
  );
}
