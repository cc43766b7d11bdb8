import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>{t('pages.notFound.title')}</h1>
      <p>
        <Link to="/">{t('pages.notFound.home')}</Link>
      </p>
    </main>
  );
}
