import type { Logger } from '../logger.js';
import type { TRealtimeServer } from '../realtime/socket.js';
import { socketOutbox } from './acd.outbox.js';
import type { AcdService } from './acd.service.js';

/**
 * Joins the ACD to Socket.IO: its events go to the rooms `realtime/socket.ts` sets up, every
 * agent socket counts for presence, and any console can ask for the current snapshot with an
 * acknowledged `acd:snapshot`.
 */
export function attachAcdRealtime(io: TRealtimeServer, acd: AcdService, logger: Logger): void {
  acd.setOutbox(socketOutbox(io));
  io.on('connection', (socket) => {
    const { user } = socket.data;
    if (user.role === 'agent') {
      acd.agentConnected(user.id, socket.id);
      socket.on('disconnect', () => acd.agentDisconnected(user.id, socket.id));
    }
    socket.on('acd:snapshot', (ack) => {
      // a client that asks without a callback gets nothing
      if (typeof ack !== 'function') return;
      acd.snapshotFor(user).then(ack, (error: unknown) => {
        logger.warn({ err: error, userId: user.id }, 'ACD snapshot failed');
        ack({ desk: null, board: null });
      });
    });
  });
}
