import '../styles/pages.css';
import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

interface PageHeaderProps {
  title: ReactNode;
  /**
   * Where the back arrow leads when there is no page to go back to (the page
   * was opened from a WeCom message or a bookmark). Leave out on tab pages.
   */
  backTo?: string;
  right?: ReactNode;
}

/** The title bar of a page. */
export function PageHeader({ title, backTo, right }: PageHeaderProps) {
  const navigate = useNavigate();
  const canGoBack = typeof window.history.state?.idx === 'number' && window.history.state.idx > 0;
  const onBack = () => {
    if (canGoBack) void navigate(-1);
    else if (backTo) void navigate(backTo, { replace: true });
  };
  return (
    <header className="page-header">
      <NavBar back={backTo !== undefined ? '' : null} onBack={onBack} right={right}>
        <h1 className="page-header__title">{title}</h1>
      </NavBar>
    </header>
  );
}
