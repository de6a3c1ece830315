import '../styles/pages.css';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { TabBar } from 'antd-mobile';
import { AppOutline, AppstoreOutline, MessageOutline, SendOutline } from 'antd-mobile-icons';
import { Outlet, useLocation, useNavigate, useOutletContext } from 'react-router';
import type { ReceivedCountsDto } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { PageFallback } from './route-fallbacks.tsx';

const tabs = [
  { key: '/', title: '首页', icon: <AppOutline /> },
  { key: '/hall', title: '我的服务', icon: <AppstoreOutline /> },
  { key: '/sent', title: '发出的事项', icon: <SendOutline /> },
  { key: '/received', title: '收到的事项', icon: <MessageOutline /> },
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
  const navigate = useNavigate();
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
      <nav className="main-layout__tab-bar" aria-label="主导航">
        <TabBar activeKey={activeKey} onChange={(key) => void navigate(key)} safeArea>
          {tabs.map((tab) => (
            <TabBar.Item
              key={tab.key}
              title={tab.title}
              icon={tab.icon}
              badge={tab.key === '/received' && todo > 0 ? (todo > 99 ? '99+' : todo) : undefined}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}
