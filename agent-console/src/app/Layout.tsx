import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { Header } from './Header.js';

export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  // After a page change, focus goes to the new page's heading (unless the page put it somewhere
  // itself), so keyboard and screen-reader users start at the top of what they opened.
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    document.querySelector<HTMLElement>('#main h1')?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Header />
      <Outlet />
    </div>
  );
}
