import { useTranslation } from 'react-i18next';

/** A polite "loading" line for screen readers and eyes alike. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="loading__dot" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}
