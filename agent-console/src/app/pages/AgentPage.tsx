import { useTranslation } from 'react-i18next';
import { AgentDesk } from '../../features/agent-desk/AgentDesk.js';
import { useSession } from '../../features/auth/useSession.js';
import { LookupWorkspace } from '../../features/lookup/LookupWorkspace.js';

/** An agent's desk; supervisors and administrators (who take no calls) get the lookup alone. */
export function AgentPage() {
  const { t } = useTranslation();
  const role = useSession()?.user.role;
  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>
        {role === 'agent' ? t('pages.agent.title') : t('pages.agent.lookupTitle')}
      </h1>
      {role === 'agent' ? <AgentDesk /> : <LookupWorkspace defaultReason="caller_identification" />}
    </main>
  );
}
