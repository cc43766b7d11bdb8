import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { Alert } from './Alert.js';

/** Shows what went wrong: the server's own message and request id when there is one. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (error instanceof ApiError) {
    const fields = error.fields.filter((f) => f.message !== error.message);
    return (
      <Alert tone="error" title={title ?? t(`errors.${error.code}`, { defaultValue: t('errors.generic') })} requestId={error.requestId}>
        <p>{error.message}</p>
        {fields.length > 0 ? (
          <ul className="alert__fields">
            {fields.map((f) => (
              <li key={`${f.field}:${f.message}`}>
                <code>{f.field}</code>: {f.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={title ?? t('errors.generic')}>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </Alert>
  );
}
