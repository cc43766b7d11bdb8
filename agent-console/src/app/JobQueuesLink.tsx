import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../api/client.js';

const ZBoardSession = z.object({ url: z.string(), expiresAt: z.string() });

/**
 * The job board (Bull Board) in a new tab. A plain link cannot open it: the board is a server
 * page, which gets no bearer header, so the session route first hands the access token to a
 * cookie scoped to the board.
 */
export function JobQueuesLink() {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);

  async function open(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setFailed(false);
    // Opened while the click is still being handled, so no popup blocker stops it; filled in below.
    const tab = window.open('', '_blank');
    try {
      const { url } = await api('/api/admin/queues/session', { method: 'POST', schema: ZBoardSession });
      if (!tab) {
        window.location.assign(url);
        return;
      }
      tab.opener = null;
      tab.location.replace(url);
    } catch {
      tab?.close();
      setFailed(true);
    }
  }

  return (
    <>
      <a href="/admin/queues/" target="_blank" rel="noopener" className="topbar__link" onClick={(event) => void open(event)}>
        {t('nav.jobQueues')}
        <span className="visually-hidden"> {t('nav.opensInNewTab')}</span>
      </a>
      {failed ? (
        <span role="alert" className="topbar__link">
          {t('nav.jobQueuesFailed')}
        </span>
      ) : null}
    </>
  );
}
