import { useTranslation } from 'react-i18next';

/** "pending_documents" → "Pending documents": the fallback for a value without a translation. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Labels for coded values (statuses, relations …) in the current language, and the right one of
 * a record's English and Hindi names.
 */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const hindi = i18n.language === 'hi';
  return {
    language: i18n.language,
    hindi,
    /** t('enums.<group>.<value>'), or the value made readable */
    label: (group: string, value: string) => t(`enums.${group}.${value}`, { defaultValue: humanize(value) }),
    /** the Hindi name when the interface is in Hindi and the record has one */
    pick: (en: string, hi: string | null | undefined) => (hindi && hi ? hi : en),
  };
}
