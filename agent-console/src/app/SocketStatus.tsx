import { useTranslation } from 'react-i18next';
import { realtime } from '../realtime/connection.js';
import { useRealtimeState } from '../realtime/useRealtime.js';

/** Live-connection indicator: a dot plus words, so colour is never the only signal. */
export function SocketStatus() {
  const { t } = useTranslation();
  const { status } = useRealtimeState();
  return (
    <div className={`socket-status socket-status--${status}`} data-testid="socket-status" data-state={status} role="status" aria-live="polite">
      <span className="socket-status__dot" aria-hidden="true" />
      <span>{t(`socket.${status}`)}</span>
      {status === 'refused' ? (
        <button type="button" className="btn btn--link" onClick={() => realtime.retry()}>
          {t('socket.retry')}
        </button>
      ) : null}
    </div>
  );
}
