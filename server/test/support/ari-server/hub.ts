import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { TEventSink } from './world.js';

/**
 * The events socket, /ari/events?app=…: one socket holds an application at a time (a newer one
 * takes it over and the older gets ApplicationReplaced). The test can drop every socket and turn
 * new ones away for a while, as a restarting Asterisk or a broken network would.
 */
export class EventHub implements TEventSink {
  // pongs are sent by hand so that a test can make the link go silent
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly silenced = new WeakSet<WebSocket>();
  private readonly holders = new Map<string, WebSocket>();
  private refusing = false;
  /** every upgrade attempt, accepted or not, in order */
  readonly attempts: { at: number; accepted: boolean }[] = [];
  private readonly waiters: { app: string; resolve: () => void }[] = [];

  constructor(private readonly onRegister: (app: string) => void) {}

  active(app: string): boolean {
    return this.holders.get(app)?.readyState === WebSocket.OPEN;
  }

  deliver(app: string, message: Record<string, unknown>): boolean {
    const ws = this.holders.get(app);
    if (ws?.readyState !== WebSocket.OPEN || this.silenced.has(ws)) return false;
    ws.send(JSON.stringify(message));
    return true;
  }

  /** `authorized` was checked by the HTTP layer (Basic or api_key), as for REST. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, apps: string[], authorized: boolean): void {
    const refuse = (status: string) => {
      this.attempts.push({ at: Date.now(), accepted: false });
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!authorized) return refuse('401 Unauthorized');
    if (this.refusing) return refuse('503 Service Unavailable');
    if (apps.length === 0) return refuse('400 Bad Request');
    this.attempts.push({ at: Date.now(), accepted: true });
    this.wss.handleUpgrade(request, socket, head, (ws) => this.register(ws, apps));
  }

  private register(ws: WebSocket, apps: string[]): void {
    ws.on('ping', (data) => {
      if (!this.silenced.has(ws)) ws.pong(data);
    });
    for (const app of apps) {
      const previous = this.holders.get(app);
      if (previous && previous !== ws && previous.readyState === WebSocket.OPEN) {
        // the older socket stays open but hears no more of the app
        previous.send(JSON.stringify({ type: 'ApplicationReplaced', timestamp: new Date().toISOString().replace('Z', '+0000'), asterisk_id: '02:42:ac:11:00:02', application: app }));
      }
      this.holders.set(app, ws);
      this.onRegister(app);
    }
    ws.on('close', () => {
      for (const app of apps) if (this.holders.get(app) === ws) this.holders.delete(app);
    });
    this.waiters.splice(0).forEach((w) => (apps.includes(w.app) ? w.resolve() : this.waiters.push(w)));
  }

  /** Cuts every socket at once (no close handshake); with `refuse`, turns new ones away until restore(). */
  dropAll(refuse: boolean): void {
    this.refusing = refuse;
    for (const ws of this.wss.clients) ws.terminate();
    this.holders.clear();
  }

  restore(): void {
    this.refusing = false;
  }

  /** The open sockets stay open but nothing crosses them, pongs included: a half-dead TCP path. */
  silenceOpenSockets(): void {
    for (const ws of this.wss.clients) this.silenced.add(ws);
  }

  /** sockets currently open */
  get openSockets(): number {
    return [...this.wss.clients].filter((ws) => ws.readyState === WebSocket.OPEN).length;
  }

  waitForApp(app: string, timeoutMs: number): Promise<void> {
    if (this.active(app)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event socket for ${app} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        app,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
