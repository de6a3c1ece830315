import { Children, isValidElement, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import 'antd-mobile/es/components/tabs/tabs.css';

/*
 * antd-mobile's Tabs as the lists use them — a row of titles, one of them
 * active, changed by a tap or the arrow keys, scrolled so that the active
 * one is in view — with antd-mobile's classes, roles and stylesheet, but
 * without @react-spring, which antd-mobile's Tabs brings only to slide the
 * line and the scrolling: 17 kB gzipped on 发出的事项 and 收到的事项, which
 * need nothing else of it before a sheet is opened. Here a CSS transition
 * slides the line. No panes: the lists draw their content below the row.
 */

interface TabProps {
  title: ReactNode;
}

/** One title of the row, keyed by its `key` (as antd-mobile's Tabs.Tab). */
function Tab(_props: TabProps): null {
  return null;
}

interface TabsProps {
  activeKey: string;
  onChange: (key: string) => void;
  className?: string;
  children: ReactNode;
}

const prefix = 'adm-tabs';

function TabRow({ activeKey, onChange, className, children }: TabsProps) {
  const tabs: { key: string; title: ReactNode }[] = [];
  Children.forEach(children, (child) => {
    if (isValidElement<TabProps>(child) && typeof child.key === 'string') tabs.push({ key: child.key, title: child.props.title });
  });
  const listRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef(new Map<string, HTMLDivElement>());
  const [line, setLine] = useState({ x: 0, width: 0, moving: false });
  const [masks, setMasks] = useState({ left: false, right: false });
  // A key chosen with the keyboard gets the focus once it is active.
  const focusNext = useRef<string | null>(null);

  // The handlers below outlive a render (the observer's): they read the active key here.
  const active = useRef(activeKey);
  active.current = activeKey;

  /** Puts the line under the active title (sliding unless `immediate`), and shows the fades where the row scrolls on. */
  function place(immediate: boolean) {
    const tab = tabRefs.current.get(active.current);
    const next = tab ? { x: tab.offsetLeft, width: tab.offsetWidth } : { x: 0, width: 0 };
    setLine((now) => (now.x === next.x && now.width === next.width ? now : { ...next, moving: !immediate && now.width > 0 }));
    updateMasks();
  }

  function updateMasks() {
    const list = listRef.current;
    if (!list) return;
    const next = { left: list.scrollLeft > 0, right: list.scrollLeft + list.offsetWidth < list.scrollWidth };
    setMasks((now) => (now.left === next.left && now.right === next.right ? now : next));
  }

  /** Scrolls the row so that the active title is in the middle, as far as the row goes. */
  function centre(immediate: boolean) {
    const list = listRef.current;
    const tab = tabRefs.current.get(active.current);
    if (!list || !tab) return;
    const room = list.scrollWidth - list.offsetWidth;
    if (room <= 0) return;
    const left = Math.min(Math.max(tab.offsetLeft - (list.offsetWidth - tab.offsetWidth) / 2, 0), room);
    if (typeof list.scrollTo === 'function') list.scrollTo({ left, behavior: immediate ? 'auto' : 'smooth' });
    else list.scrollLeft = left;
  }

  // Measured after the browser has drawn, never in the middle of React's work (reading a size there
  // forces a layout of the whole page into the same task: on 待办, its first ~30 ms).
  // When the active title changes, the line slides to it and the row scrolls it into the middle.
  const placedKey = useRef<string | null>(null);
  useEffect(() => {
    const first = placedKey.current === null;
    place(first);
    centre(first);
    placedKey.current = activeKey;
    if (focusNext.current === activeKey) tabRefs.current.get(activeKey)?.focus();
    focusNext.current = null;
  }, [activeKey]);

  // Titles change width (the counts arrive) and the phone turns: the line follows at once.
  const titles = tabs.map((tab) => tab.key).join('\n');
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (typeof ResizeObserver !== 'function') {
      const onResize = () => {
        place(true);
        centre(true);
      };
      window.addEventListener('resize', onResize);
      return () => window.removeEventListener('resize', onResize);
    }
    let width = list.offsetWidth;
    const observer = new ResizeObserver(() => {
      place(true);
      // The row itself changed width (the phone turned): the active title back to the middle.
      if (list.offsetWidth !== width) centre(true);
      width = list.offsetWidth;
    });
    observer.observe(list);
    for (const tab of tabRefs.current.values()) observer.observe(tab);
    return () => observer.disconnect();
  }, [titles]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = tabs.findIndex((tab) => tab.key === activeKey);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length];
    if (!next || next.key === activeKey) return;
    focusNext.current = next.key;
    onChange(next.key);
  }

  return (
    <div className={className ? `${prefix} ${className}` : prefix}>
      <div className={`${prefix}-header`}>
        <div className={`${prefix}-header-mask ${prefix}-header-mask-left`} style={{ opacity: masks.left ? 1 : 0, transition: 'opacity 0.2s' }} />
        <div className={`${prefix}-header-mask ${prefix}-header-mask-right`} style={{ opacity: masks.right ? 1 : 0, transition: 'opacity 0.2s' }} />
        <div className={`${prefix}-tab-list`} ref={listRef} onScroll={updateMasks} onKeyDown={onKeyDown} role="tablist">
          <div
            className={`${prefix}-tab-line`}
            style={{ width: line.width, transform: `translate3d(${line.x}px, 0, 0)`, transition: line.moving ? 'transform 0.25s ease-out, width 0.25s ease-out' : 'none' }}
          />
          {tabs.map((tab) => (
            <div key={tab.key} className={`${prefix}-tab-wrapper ${prefix}-tab-wrapper-stretch`}>
              <div
                role="tab"
                aria-selected={tab.key === activeKey}
                tabIndex={tab.key === activeKey ? 0 : -1}
                ref={(element) => {
                  if (element) tabRefs.current.set(tab.key, element);
                  else tabRefs.current.delete(tab.key);
                }}
                className={tab.key === activeKey ? `${prefix}-tab ${prefix}-tab-active` : `${prefix}-tab`}
                onClick={() => tab.key !== activeKey && onChange(tab.key)}
              >
                {tab.title}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** The row of titles, with `Tabs.Tab` for each (the props of antd-mobile's that the lists use). */
export const Tabs = Object.assign(TabRow, { Tab });
