import { useTranslation } from 'react-i18next';
import { acdLive, useAcdLive } from '../../realtime/acd-live.js';
import { useServerNow } from '../../realtime/server-clock.js';
import { Alert } from '../../ui/Alert.js';
import { formatTime } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Section } from '../../ui/Section.js';
import { CampaignBoard } from '../campaign-board/CampaignBoard.js';
import { AgentTable } from './AgentTable.js';
import { QueueTable } from './QueueTable.js';

/**
 * The supervisor's live view: the queues and agents, then the running campaigns. Campaigns have
 * their own feed, so they show even while the queue board is loading or unavailable.
 */
export function SupervisorBoard() {
  return (
    <div className="board">
      <QueueAndAgentBoard />
      <CampaignBoard />
    </div>
  );
}

/**
 * Queues and agents as they are now: a snapshot when the socket connects, then the server's
 * pushes (`acd:board`). Waits and times in state are counted from the server's instants.
 */
function QueueAndAgentBoard() {
  const { t, i18n } = useTranslation();
  const { status, board } = useAcdLive();
  const now = useServerNow();

  if (!board) {
    if (status === 'unavailable') {
      return (
        <Alert tone="info" title={t('board.unavailable')}>
          <p>{t('board.unavailableHint')}</p>
          <button type="button" className="btn btn--small" onClick={() => void acdLive.refresh()}>
            {t('socket.retry')}
          </button>
        </Alert>
      );
    }
    return <Loading label={t('board.loading')} />;
  }

  const waiting = board.queues.reduce((sum, q) => sum + q.waiting, 0);
  const working = board.agents.filter((a) => a.state !== 'offline').length;
  return (
    <div className="board" data-testid="supervisor-board">
      <Section
        id="board-queues"
        title={t('board.queues')}
        aside={
          <>
            <span data-testid="board-waiting">{t('board.waitingTotal', { count: waiting })}</span>
            <span>· {t('board.updated', { time: formatTime(board.at, i18n.language) })}</span>
          </>
        }
      >
        <QueueTable queues={board.queues} now={now} />
      </Section>
      <Section id="board-agents" title={t('board.agents')} aside={t('board.signedIn', { count: working, total: board.agents.length })}>
        {board.agents.length === 0 ? <p className="muted">{t('board.noAgents')}</p> : <AgentTable agents={board.agents} now={now} />}
      </Section>
    </div>
  );
}
