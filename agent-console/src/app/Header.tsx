import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { goOfflineQuietly } from '../features/agent-desk/desk.api.js';
import { logout } from '../features/auth/auth.api.js';
import { pagesFor } from '../features/auth/roles.js';
import { useSession } from '../features/auth/useSession.js';
import { JobQueuesLink } from './JobQueuesLink.js';
import { LanguageToggle } from './LanguageToggle.js';
import { SocketStatus } from './SocketStatus.js';

export function Header() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const user = session?.user;
  const signOut = useMutation({
    mutationFn: async () => {
      // an agent who signs out takes no more calls from this moment
      if (user?.role === 'agent') await goOfflineQuietly();
      await logout();
    },
    onSettled: () => void navigate('/login', { replace: true }),
  });

  return (
    <header className="topbar">
      <div className="topbar__main">
        <div className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            स
          </span>
          <span>
            <span className="topbar__name">{t('app.name')}</span>
            <span className="topbar__tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <div className="topbar__tools">
          {user ? <SocketStatus /> : null}
          <LanguageToggle />
          {user ? (
            <div className="topbar__user" data-testid="current-user">
              <span className="topbar__user-name" title={user.displayName}>
                {user.displayName}
              </span>
              <span className="topbar__user-role">
                {user.username} · {t(`roles.${user.role}`)}
              </span>
            </div>
          ) : null}
          {user ? (
            <button type="button" className="btn btn--ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              {t('auth.signOut')}
            </button>
          ) : null}
        </div>
      </div>
      {user ? (
        <nav className="topbar__nav" aria-label={t('nav.label')}>
          {pagesFor(user.role).map((page) => (
            <NavLink key={page} to={`/${page}`} className="topbar__link">
              {t(`nav.${page}`)}
            </NavLink>
          ))}
          {user.role === 'admin' ? <JobQueuesLink /> : null}
        </nav>
      ) : null}
    </header>
  );
}
