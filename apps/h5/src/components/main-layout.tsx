import '../styles/pages.css';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { Badge } from 'antd-mobile';
import { AppOutline, AppstoreOutline, MessageOutline, SendOutline } from 'antd-mobile-icons';
import { Link, Outlet, useLocation, useOutletContext } from 'react-router';
import type { ReceivedCountsDto } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { PageFallback } from './route-fallbacks.tsx';
import { t } from '../i18n/translate.ts';

const tabs = [
  { key: '/', title: 'components.tabs.home', icon: <AppOutline /> },
  { key: '/hall', title: 'components.tabs.hall', icon: <AppstoreOutline /> },
  { key: '/sent', title: 'components.tabs.sent', icon: <SendOutline /> },
  { key: '/received', title: 'components.tabs.received', icon: <MessageOutline /> },
] as const;

/** What the main pages get from the layout: the todo/done/cc counts it keeps fresh. */
export interface MainLayoutContext {
  counts: ReceivedCountsDto | null;
  countsError: unknown;
  reloadCounts: () => void;
}

export function useMainLayout(): MainLayoutContext {
  return useOutletContext<MainLayoutContext>();
}

/**
 * The four main pages with the bottom tab bar. The counts of received items
 * are loaded here, on every tab change, so the 收到的事项 tab can carry the
 * number of todos and the received page needs no request of its own.
 */
export default function MainLayout() {
  const { pathname } = useLocation();
  const [counts, setCounts] = useState<ReceivedCountsDto | null>(null);
  const [countsError, setCountsError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    hallApi.getInboxCounts().then(
      (answer) => {
        if (!live) return;
        setCounts(answer);
        setCountsError(null);
      },
      (error: unknown) => {
        if (live) setCountsError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [pathname, attempt]);

  const reloadCounts = useCallback(() => setAttempt((n) => n + 1), []);
  const context: MainLayoutContext = { counts, countsError, reloadCounts };
  const activeKey = tabs.find((tab) => tab.key === pathname)?.key ?? null;
  const todo = counts?.todo ?? 0;

  return (
    <div className="main-layout">
      <main className="main-layout__body">
        {/* The tab bar stays while the next tab's code loads. */}
        <Suspense fallback={<PageFallback />}>
          <Outlet context={context} />
        </Suspense>
      </main>
      {/* Links in a list rather than antd-mobile's TabBar (clickable divs): each tab is a link a screen reader lists, the current one marked. */}
      <nav className="main-layout__tab-bar" aria-label={t('components.tabs.label')}>
        <ul className="tab-bar">
          {tabs.map((tab) => {
            const isCurrent = tab.key === activeKey;
            const badge = tab.key === '/received' && todo > 0 ? (todo > 99 ? '99+' : todo) : null;
            return (
              <li key={tab.key} className="tab-bar__item">
                <Link to={tab.key} className={isCurrent ? 'tab-bar__link tab-bar__link--current' : 'tab-bar__link'} aria-current={isCurrent ? 'page' : undefined}>
                  <Badge content={badge} className="tab-bar__badge" aria-hidden="true">
                    <span className="tab-bar__icon" aria-hidden="true">
                      {tab.icon}
                    </span>
                  </Badge>
                  <span className="tab-bar__title">{t(tab.title)}</span>
                  {badge !== null && <span className="visually-hidden">{t('components.tabs.todo', { count: todo })}</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
