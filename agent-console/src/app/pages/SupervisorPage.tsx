import { useTranslation } from 'react-i18next';
import { LookupWorkspace } from '../../features/lookup/LookupWorkspace.js';

export function SupervisorPage() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>{t('pages.supervisor.title')}</h1>
      <LookupWorkspace defaultReason="supervision" />
    </main>
  );
}
