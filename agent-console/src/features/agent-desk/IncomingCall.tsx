import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOffer } from '../../api/acd.schemas.js';
import { useServerNow } from '../../realtime/server-clock.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { formatDuration, formatPhone, formatTime } from '../../ui/format.js';
import { acceptCall, useDeskAction } from './desk.api.js';

/** Where Space and Enter belong to the control that has focus, not to the ringing call. */
function keyBelongsToControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target !== document.body && target.closest('input, textarea, select, button, a[href], [contenteditable="true"], [role="tab"]') !== null;
}

/** The agent is in the middle of writing something: focus stays there (an empty field gives it up). */
function isTyping(element: Element | null): boolean {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element.value.trim() !== '';
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * A call ringing for the agent: who calls, for which queue, since when, and until when it rings.
 * Space or Enter accepts it (focus moves to the button unless the agent is typing); the tab's
 * title says it too, for an agent looking at another window. No sound: the banner is enough.
 */
export function IncomingCall({ offer }: { offer: TOffer }) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(250);
  const accept = useDeskAction(acceptCall);
  const { mutate: acceptNow } = accept;
  const button = useRef<HTMLButtonElement>(null);
  const pending = useRef(false);
  pending.current = accept.isPending;

  const caller = offer.caller ? formatPhone(offer.caller) : t('desk.ring.withheld');
  const kind = offer.kind === 'callback' ? t('desk.ring.callback') : t('desk.ring.call');
  const left = Math.max(0, Math.ceil((Date.parse(offer.ringDeadline) - now) / 1000));

  useEffect(() => {
    if (!isTyping(document.activeElement)) button.current?.focus({ preventScroll: true });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' && event.key !== 'Enter') return;
      if (event.repeat || event.defaultPrevented || keyBelongsToControl(event.target)) return;
      event.preventDefault();
      if (!pending.current) acceptNow(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [offer.agentLegId, acceptNow]);

  useEffect(() => {
    document.title = `☎ ${t('desk.ring.tabTitle', { caller })}`;
    return () => {
      document.title = t('app.documentTitle');
    };
  }, [caller, t]);

  return (
    <section className="ring" aria-labelledby="ring-title" data-testid="incoming-call" data-call-id={offer.callId ?? ''}>
      <div className="ring__pulse" aria-hidden="true" />
      <div className="ring__text">
        <h2 className="ring__title" id="ring-title">
          {kind}: <span className="mono">{caller}</span>
        </h2>
        <p>
          {t('desk.ring.queue', { queue: offer.queueName })} · {t('desk.ring.waited', { time: formatDuration(now - Date.parse(offer.waitingSince)) })}
        </p>
        <p className="ring__deadline" data-testid="ring-deadline">
          {t('desk.ring.until', { time: formatTime(offer.ringDeadline, i18n.language), count: left })}
        </p>
      </div>
      <div className="ring__actions">
        <button ref={button} type="button" className="btn btn--primary btn--accept" onClick={() => acceptNow(undefined)} disabled={accept.isPending} data-testid="accept-call">
          {t('desk.ring.accept')}
        </button>
        <p className="ring__hint">{t('desk.ring.keys')}</p>
      </div>
      {/* screen readers hear the call once, as it arrives */}
      <p className="visually-hidden" role="alert">
        {t('desk.ring.announce', { kind, caller, queue: offer.queueName })}
      </p>
      {accept.error ? <ErrorAlert error={accept.error} title={t('desk.ring.acceptFailed')} /> : null}
    </section>
  );
}
