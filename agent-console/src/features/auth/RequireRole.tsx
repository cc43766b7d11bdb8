import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { Alert } from '../../ui/Alert.js';
import { homePath, PAGE_ROLES, type TPage } from './roles.js';
import { useSession } from './useSession.js';

/** Shows a page to the roles that may use it; sends everyone else to sign in or home. */
export function RequireRole({ page, children }: { page: TPage; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!PAGE_ROLES[page].includes(session.user.role)) {
    return (
      <main className="page" id="main">
        <Alert tone="error" title={t('auth.notAllowedTitle')}>
          <p>{t('auth.notAllowed', { role: t(`roles.${session.user.role}`) })}</p>
          <p>
            <Link to={homePath(session.user.role)}>{t('auth.goHome')}</Link>
          </p>
        </Alert>
      </main>
    );
  }
  return children;
}
