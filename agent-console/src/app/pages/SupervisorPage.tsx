import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SupervisorBoard } from '../../features/supervisor-board/SupervisorBoard.js';
import { LookupWorkspace } from '../../features/lookup/LookupWorkspace.js';

export function SupervisorPage() {
  const { t } = useTranslation();
  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>
        {t('pages.supervisor.title')}
      </h1>
      <p>
        <Link to="/supervisor/campaigns">{t('campaignAdmin.link')}</Link>
        {' · '}
        <Link to="/supervisor/beneficiary-import">{t('beneficiaryImport.link')}</Link>
      </p>
      <SupervisorBoard />
      <h2 className="page__subtitle">{t('pages.supervisor.lookupTitle')}</h2>
      {/* the live view comes first: the lookup below does not take focus */}
      <LookupWorkspace defaultReason="supervision" autoFocus={false} />
    </main>
  );
}
