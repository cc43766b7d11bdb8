import { useTranslation } from 'react-i18next';

/** Switches the interface between English and Hindi; names the other language in its own script. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'hi' ? 'en' : 'hi';
  return (
    <button
      type="button"
      className="btn btn--ghost lang-toggle"
      onClick={() => void i18n.changeLanguage(next)}
      lang={next}
      aria-label={t('language.switchTo', { lng: next, language: t(`language.${next}`) })}
      data-testid="language-toggle"
    >
      {next === 'hi' ? 'हिन्दी' : 'English'}
    </button>
  );
}
