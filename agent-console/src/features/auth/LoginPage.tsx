import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { login } from './auth.api.js';
import { homePath, PAGE_ROLES, type TPage } from './roles.js';
import { useSession } from './useSession.js';

function isPage(value: string): value is TPage {
  return value in PAGE_ROLES;
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({ mutationFn: () => login(username.trim(), password) });

  // Back to the page that sent the user here, if their role may open it.
  const from: unknown = location.state && typeof location.state === 'object' && 'from' in location.state ? location.state.from : null;
  function destination(role: Parameters<typeof homePath>[0]): string {
    const page = typeof from === 'string' ? from.replace(/^\//, '').split('/')[0] : undefined;
    return page && isPage(page) && PAGE_ROLES[page].includes(role) ? `/${page}` : homePath(role);
  }

  if (session && !signIn.isPending) return <Navigate to={destination(session.user.role)} replace />;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate(undefined, { onSuccess: (pair) => void navigate(destination(pair.user.role), { replace: true }) });
  }

  const error = signIn.error;
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  return (
    <main className="login" id="main">
      <form className="login__card" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <h1 id="login-title" className="login__title" tabIndex={-1}>
          {t('auth.title')}
        </h1>
        <p className="login__subtitle">{t('auth.subtitle')}</p>
        {error ? <ErrorAlert error={error} title={t('auth.failed')} /> : null}
        <Field label={t('auth.username')} error={fieldError('username')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <Field label={t('auth.password')} error={fieldError('password')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <button type="submit" className="btn btn--primary btn--block" disabled={signIn.isPending}>
          {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
    </main>
  );
}
