import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { t } from '../i18n/translate.ts';

/*
 * These are part of the entry chunk, so they use plain elements and the
 * global stylesheet rather than antd-mobile.
 */

/** Shown while a page's code or the session is loading. */
export function PageFallback() {
  return (
    <div className="page-fallback" role="status" aria-label={t('components.loading')}>
      <span className="page-fallback__dot" />
      <span className="page-fallback__dot" />
      <span className="page-fallback__dot" />
    </div>
  );
}

interface BoundaryProps {
  /** The page's address: a new one clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  resetKey: string;
}

class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('页面出错', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="page-error" role="alert">
        <p className="page-error__title">{t('components.fallback.failed')}</p>
        <p className="page-error__text">{t('components.fallback.checkNetwork')}</p>
        <div className="page-error__actions">
          <button type="button" className="plain-button plain-button--primary" onClick={() => window.location.reload()}>
            {t('components.reload')}
          </button>
          <a className="plain-button" href="/">
            {t('components.fallback.home')}
          </a>
        </div>
      </div>
    );
  }
}

/**
 * Catches a page that fails to load or render (most often: its chunk is gone
 * because a new version was deployed meanwhile) and offers a reload. Going to
 * another page clears the error.
 */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>;
}
