import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { hi } from './hi.js';

export const LANGUAGES = ['en', 'hi'] as const;
export type TUiLanguage = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'samvad.language';

function savedLanguage(): TUiLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'hi' ? 'hi' : 'en';
  } catch {
    return 'en';
  }
}

/** English by default, Hindi on request; the choice is remembered in this browser. */
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, hi: { translation: hi } },
  lng: savedLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyToDocument(language: string) {
  document.documentElement.lang = language;
  document.title = i18n.t('app.documentTitle');
}
applyToDocument(i18n.language);
i18n.on('languageChanged', (language) => {
  applyToDocument(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage may be disabled; the choice then lasts for this page only
  }
});

export { i18n };
