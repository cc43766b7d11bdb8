import { useTranslation } from 'react-i18next';
import { LookupWorkspace } from '../../features/lookup/LookupWorkspace.js';

export function AdminPage() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>{t('pages.admin.title')}</h1>
      <section className="panel" aria-labelledby="admin-api-title">
        <header className="panel__header">
          <h2 className="panel__title" id="admin-api-title">
            {t('pages.admin.apiTitle')}
          </h2>
        </header>
        <div className="panel__body">
          <p>{t('pages.admin.apiText')}</p>
          <ul className="link-list">
            <li>
              {/* served by the API itself, so a plain link rather than a client route */}
              <a href="/api/docs" target="_blank" rel="noopener">
                {t('pages.admin.apiDocs')}
              </a>
            </li>
            <li>
              <a href="/api/openapi.json" target="_blank" rel="noopener">
                {t('pages.admin.openApi')}
              </a>
            </li>
          </ul>
        </div>
      </section>
      <LookupWorkspace defaultReason="quality_review" />
    </main>
  );
}
