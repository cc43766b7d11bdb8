import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';

interface TPhoneLookupFormProps {
  onSubmit: (phone: string) => void;
  error?: string | undefined;
  busy: boolean;
  /** take focus on opening (where looking a caller up is the page's first move) */
  autoFocus?: boolean;
}

export function PhoneLookupForm({ onSubmit, error, busy, autoFocus = true }: TPhoneLookupFormProps) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (phone.trim()) onSubmit(phone.trim());
  }
  return (
    <form className="inline-form" onSubmit={submit} role="search" aria-label={t('lookup.phoneTab')}>
      <Field label={t('lookup.phoneLabel')} hint={t('lookup.phoneHint')} error={error}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            data-testid="phone-input"
            // the agent's first move on this page is to type the caller's number
            autoFocus={autoFocus}
            className="mono"
          />
        )}
      </Field>
      <button type="submit" className="btn btn--primary" disabled={busy || !phone.trim()}>
        {t('lookup.find')}
      </button>
    </form>
  );
}
