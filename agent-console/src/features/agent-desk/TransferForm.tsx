import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { transferCall, useDeskAction } from './desk.api.js';

/**
 * Sends the caller to another queue (they keep the time they have waited). The server offers
 * agents no list of queues yet, so the agent types the queue's code and the server checks it.
 * Folded away: most calls end without a transfer, and the call's controls stay on one line.
 */
export function TransferForm({ currentQueue, disabled }: { currentQueue: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [queue, setQueue] = useState('');
  const transfer = useDeskAction(transferCall);
  const fieldError = transfer.error instanceof ApiError ? transfer.error.fieldMessage('queue') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const code = queue.trim();
    if (code) transfer.mutate(code);
  }

  return (
    <details className="transfer">
      <summary className="btn" data-testid="transfer-open">
        {t('desk.call.transferTitle')}
      </summary>
      <form className="inline-form transfer__form" onSubmit={submit} aria-label={t('desk.call.transferTo')}>
        <Field label={t('desk.call.transferTo')} hint={t('desk.call.transferHint', { queue: currentQueue })} error={fieldError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="mono"
              value={queue}
              onChange={(e) => setQueue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              data-testid="transfer-queue"
            />
          )}
        </Field>
        <button type="submit" className="btn" disabled={disabled || transfer.isPending || !queue.trim()}>
          {t('desk.call.transfer')}
        </button>
        {transfer.error && !fieldError ? <ErrorAlert error={transfer.error} title={t('desk.call.transferFailed')} /> : null}
      </form>
    </details>
  );
}
