import { useTranslation } from 'react-i18next';
import { DocketLookup } from '../../features/grievances/DocketLookup.js';

export function DepartmentPage() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>{t('pages.department.title')}</h1>
      <DocketLookup />
    </main>
  );
}
