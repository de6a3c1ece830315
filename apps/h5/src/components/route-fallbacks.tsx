import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/*
 * These are part of the entry chunk, so they use plain elements and the
 * global stylesheet rather than antd-mobile.
 */

/** Shown while a page's code or the session is loading. */
export function PageFallback() {
  return (
    <div className="page-fallback" role="status" aria-label="加载中">
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
        <p className="page-error__title">页面加载失败</p>
        <p className="page-error__text">请检查网络后重新加载。</p>
        <div className="page-error__actions">
          <button type="button" className="plain-button plain-button--primary" onClick={() => window.location.reload()}>
            重新加载
          </button>
          <a className="plain-button" href="/">
            返回首页
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
