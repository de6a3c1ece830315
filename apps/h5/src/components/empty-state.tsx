import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  description?: string;
  children?: ReactNode;
}

/**
 * "Nothing here" and "could not load" blocks. Drawn with a small inline icon
 * instead of antd-mobile's ErrorBlock, whose illustrations weigh ~10 kB
 * gzipped on every page that might show one.
 */
export function EmptyState({ title, description, children }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <svg className="empty-state__icon" viewBox="0 0 64 48" aria-hidden="true">
        <path d="M8 18 18 6h28l10 12v22a3 3 0 0 1-3 3H11a3 3 0 0 1-3-3V18Z" fill="#f0f3f7" stroke="#c9d1dc" strokeWidth="2" />
        <path d="M8 18h14a10 10 0 0 0 20 0h14" fill="none" stroke="#c9d1dc" strokeWidth="2" />
      </svg>
      <p className="empty-state__title">{title}</p>
      {description && <p className="muted">{description}</p>}
      {children && <div className="empty-state__actions">{children}</div>}
    </div>
  );
}
