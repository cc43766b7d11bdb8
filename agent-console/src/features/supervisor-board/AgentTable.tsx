import { useTranslation } from 'react-i18next';
import type { TAgentState, TAgentView } from '../../api/acd.schemas.js';
import { Badge } from '../../ui/Badge.js';
import { formatDuration } from '../../ui/format.js';
import { STATE_TONE, stateLabel } from '../agent-desk/agent-state.js';

/** Busy agents first, then those who could take a call, the signed-off last; by name within. */
const ORDER: Record<TAgentState, number> = { on_call: 0, reserved: 1, wrap_up: 2, ready: 3, not_ready: 4, offline: 5 };

export function sortAgents(agents: readonly TAgentView[]): TAgentView[] {
  return [...agents].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.displayName.localeCompare(b.displayName));
}

/** Every agent: state and reason, time in it, the call they handle, whether their console is connected. */
export function AgentTable({ agents, now }: { agents: readonly TAgentView[]; now: number }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table table--compact board-table" data-testid="agent-table">
        <caption className="visually-hidden">{t('board.agentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.agent')}</th>
            <th scope="col">{t('board.state')}</th>
            <th scope="col" className="num">
              {t('board.timeInState')}
            </th>
            <th scope="col">{t('board.currentCall')}</th>
            <th scope="col">{t('board.console')}</th>
          </tr>
        </thead>
        <tbody>
          {sortAgents(agents).map((a) => (
            <tr key={a.userId} data-testid="agent-row" data-username={a.username} data-state={a.state}>
              <th scope="row" className="cell-name">
                <span>{a.displayName}</span>
                <span className="cell-name__hi mono">{a.username}</span>
              </th>
              <td>
                <Badge tone={STATE_TONE[a.state]}>
                  <span data-testid="agent-row-state">{stateLabel(t, a)}</span>
                </Badge>
              </td>
              <td className="num" data-testid="agent-row-time">
                {formatDuration(now - Date.parse(a.since))}
              </td>
              <td data-testid="agent-row-call">
                {a.callId ? (
                  <span title={a.callId}>
                    <span className="mono">{a.queue ?? '—'}</span> · <span className="mono muted">{a.callId.slice(0, 8)}</span>
                  </span>
                ) : (
                  '—'
                )}
              </td>
              <td>{a.present ? t('board.connected') : <span className="muted">{t('board.notConnected')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
