import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/*
 * These two are part of the entry chunk, so they use plain elements and the
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

/** Shown when a page fails to load (most often: a new version was deployed meanwhile). */
export function RouteErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="page-error" role="alert">
      <p className="page-error__title">{notFound ? '页面不存在' : '页面加载失败'}</p>
      <p className="page-error__text">{notFound ? '您访问的页面不存在或已移除。' : '请检查网络后重新加载。'}</p>
      <div className="page-error__actions">
        {!notFound && (
          <button type="button" className="plain-button plain-button--primary" onClick={() => window.location.reload()}>
            重新加载
          </button>
        )}
        <Link className="plain-button" to="/" reloadDocument={!notFound}>
          返回首页
        </Link>
      </div>
    </div>
  );
}
