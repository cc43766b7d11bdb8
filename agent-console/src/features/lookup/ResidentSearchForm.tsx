import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';
import type { TResidentSearch } from './lookup.api.js';

interface TResidentSearchFormProps {
  onSubmit: (search: TResidentSearch) => void;
  errors: { q?: string | undefined; birthYear?: string | undefined };
  busy: boolean;
}

export function ResidentSearchForm({ onSubmit, errors, busy }: TResidentSearchFormProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [birthYear, setBirthYear] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!q.trim()) return;
    const year = birthYear.trim() ? Number(birthYear.trim()) : undefined;
    onSubmit({ q: q.trim(), birthYear: Number.isFinite(year) ? year : undefined });
  }
  return (
    <form className="inline-form" onSubmit={submit} role="search" aria-label={t('lookup.searchTab')}>
      <Field label={t('lookup.searchLabel')} hint={t('lookup.searchHint')} error={errors.q} className="inline-form__grow">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            data-testid="search-input"
          />
        )}
      </Field>
      <Field label={t('lookup.birthYear')} hint={t('lookup.birthYearHint')} error={errors.birthYear} className="inline-form__narrow">
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={4}
            value={birthYear}
            onChange={(e) => setBirthYear(e.target.value.replace(/\D/g, ''))}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <button type="submit" className="btn btn--primary" disabled={busy || !q.trim()}>
        {t('lookup.search')}
      </button>
    </form>
  );
}
