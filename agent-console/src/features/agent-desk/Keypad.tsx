import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { acdLive } from '../../realtime/acd-live.js';
import { sendKeys } from './desk.api.js';
import './call-controls.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * Twelve keys sent on the call as tones, one press at a time: to work a department's IVR after
 * a transfer, or to enter an extension. Typing a key while the pad has focus presses it. It is
 * labelled by the element with id `keypad-title` (the call panel's disclosure button).
 */
export function Keypad({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState('');
  const [error, setError] = useState<Error | null>(null);
  // one key after another, in the order pressed: a fast agent must not reorder the tones
  const chain = useRef<Promise<void>>(Promise.resolve());

  function press(key: string) {
    if (disabled) return;
    chain.current = chain.current.then(async () => {
      try {
        acdLive.deskAnswered(await sendKeys(key));
        setSent((before) => (before + key).slice(-32));
        setError(null);
      } catch (failure) {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      }
    });
  }

  function typed(event: KeyboardEvent<HTMLDivElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[0-9*#]$/.test(event.key)) return;
    event.preventDefault();
    press(event.key);
  }

  return (
    <div className="keypad" role="group" aria-labelledby="keypad-title" aria-describedby="keypad-hint" onKeyDown={typed} data-testid="keypad">
      <p className="field__hint" id="keypad-hint">
        {t('desk.call.keypadHint')}
      </p>
      <div className="keypad__keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className="btn keypad__key"
            onClick={() => press(key)}
            disabled={disabled}
            aria-label={t('desk.call.key', { key })}
            data-testid={`key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`}
          >
            {key}
          </button>
        ))}
      </div>
      <p className="keypad__sent mono" aria-live="polite" data-testid="keys-sent">
        {sent ? t('desk.call.keysSent', { keys: sent }) : '\u00a0'}
      </p>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
