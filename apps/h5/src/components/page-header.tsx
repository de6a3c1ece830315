import '../styles/pages.css';
import { LeftOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../i18n/translate.ts';

interface PageHeaderProps {
  title: ReactNode;
  /**
   * Where the back arrow leads when there is no page to go back to (the page
   * was opened from a WeCom message or a bookmark). Leave out on tab pages.
   */
  backTo?: string;
  right?: ReactNode;
}

/**
 * The title bar of a page: the back arrow (a real button, named 返回), the
 * title as the page's h1, and what goes on the right. Plain markup rather
 * than antd-mobile's NavBar, whose back arrow is a nameless div in a
 * role="button" box, and whose fixed 45 px height clips larger text.
 */
export function PageHeader({ title, backTo, right }: PageHeaderProps) {
  const navigate = useNavigate();
  const canGoBack = typeof window.history.state?.idx === 'number' && window.history.state.idx > 0;
  const onBack = () => {
    if (canGoBack) void navigate(-1);
    else if (backTo) void navigate(backTo, { replace: true });
  };
  return (
    <header className="page-header">
      <div className="page-header__bar">
        <div className="page-header__side">
          {backTo !== undefined && (
            <button type="button" className="page-header__back" onClick={onBack} aria-label={t('components.header.back')}>
              <LeftOutline aria-hidden="true" />
            </button>
          )}
        </div>
        <h1 className="page-header__title">{title}</h1>
        <div className="page-header__side page-header__side--right">{right}</div>
      </div>
    </header>
  );
}
