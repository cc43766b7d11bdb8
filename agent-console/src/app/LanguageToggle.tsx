import { useTranslation } from 'react-i18next';

/**
 * Switches the interface between English and Hindi; names the other language in its own script.
 * The visible name starts the accessible one, so speech control ("click हिन्दी") finds it.
 */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'hi' ? 'en' : 'hi';
  return (
    <button type="button" className="btn btn--ghost lang-toggle" onClick={() => void i18n.changeLanguage(next)} data-testid="language-toggle">
      <span lang={next}>{next === 'hi' ? 'हिन्दी' : 'English'}</span>
      <span className="visually-hidden"> — {t('language.switchTo', { lng: next, language: t(`language.${next}`) })}</span>
    </button>
  );
}
