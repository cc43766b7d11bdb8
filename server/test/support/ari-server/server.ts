import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EventHub } from './hub.js';
import { route } from './routes.js';
import { endChannelMedia, endChannelRecordings } from './world-media.js';
import { leaveOnTeardown } from './world-bridges.js';
import { dialIn, pressDigits, remoteHangup } from './world-calls.js';
import { AriHttpError, type TBehaviour } from './world-types.js';
import { DEFAULT_TIMINGS, FakeAsterisk, type TTimings } from './world.js';

export interface TAriTestServerOptions {
  username: string;
  password: string;
  /** 0 for any free port */
  port?: number;
  dialplanApp?: string;
  timings?: Partial<TTimings>;
  durationOf?: (uri: string) => number | undefined;
  /** how the carrier presents a caller's number: "09876543210" (default), "919876543210" or "+919876543210" */
  callerFormat?: 'national' | 'digits' | 'e164';
}

export interface TLoggedRequest {
  method: string;
  /** the route template, e.g. /channels/{channelId}/play/{playbackId}; the raw path when unknown */
  route: string;
  status: number;
}

/**
 * A protocol-faithful ARI server for tests: the REST API and events socket of Asterisk 22 for the
 * operations Samvad uses, Basic and api_key authentication, and controls for the far side (calls
 * in, keys, hang-ups, scripted answers) and for the link (drop, refuse, restore).
 */
export class AriTestServer {
  readonly asterisk: FakeAsterisk;
  readonly hub: EventHub;
  readonly requests: TLoggedRequest[] = [];
  /** resource files (e.g. "bridges") answered with a 500, to exercise ari-client's loader */
  readonly failingDocs = new Set<string>();
  private readonly http: Server;
  private port_ = 0;

  private constructor(private readonly options: TAriTestServerOptions) {
    this.hub = new EventHub((app) => this.asterisk.apps.add(app));
    this.asterisk = new FakeAsterisk(this.hub, {
      dialplanApp: options.dialplanApp ?? 'samvad',
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
      durationOf: options.durationOf,
    });
    this.asterisk.onTeardown.push((c) => endChannelMedia(this.asterisk, c), (c) => endChannelRecordings(this.asterisk, c), (c) => leaveOnTeardown(this.asterisk, c));
    this.http = createServer((req, res) => void this.handle(req, res));
    this.http.on('upgrade', (req, socket, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/ari/events') return void socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      const apps = (url.searchParams.get('app') ?? '').split(',').filter(Boolean);
      this.hub.upgrade(req, socket, head, apps, this.authorized(req, url));
    });
  }

  static async start(options: TAriTestServerOptions): Promise<AriTestServer> {
    const server = new AriTestServer(options);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.http.address();
    server.port_ = typeof address === 'object' && address !== null ? address.port : 0;
    return server;
  }

  get port(): number {
    return this.port_;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port_}`;
  }

  // ——— the far side ———

  /** A citizen calls; returns the channel id once StasisStart is sent (or the app was unavailable). */
  dialIn(from: string, to: string): { channelId: string; inStasis: boolean } {
    const presented = this.present(from);
    const exten = to.replace(/^\+91/, '');
    const { channel, inStasis } = dialIn(this.asterisk, presented, exten);
    return { channelId: channel.id, inStasis };
  }

  pressDigits(channelId: string, digits: string): Promise<void> {
    return pressDigits(this.asterisk, channelId, digits);
  }

  remoteHangup(channelId: string, cause = 16): void {
    remoteHangup(this.asterisk, channelId, cause);
  }

  script(endpoint: string, behaviour: TBehaviour): void {
    this.asterisk.scripts.set(endpoint, behaviour);
  }

  heard(channelId: string): string[] {
    return [...(this.asterisk.heardLog.get(channelId) ?? [])];
  }

  // ——— the link ———

  dropLink(options: { refuse: boolean }): void {
    this.hub.dropAll(options.refuse);
  }

  restoreLink(): void {
    this.hub.restore();
  }

  waitForApp(app: string, timeoutMs = 10_000): Promise<void> {
    return this.hub.waitForApp(app, timeoutMs);
  }

  async close(): Promise<void> {
    this.hub.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ——— HTTP ———

  private present(e164: string): string {
    if (!e164.startsWith('+91')) return e164;
    switch (this.options.callerFormat ?? 'national') {
      case 'national':
        return `0${e164.slice(3)}`;
      case 'digits':
        return e164.slice(1);
      case 'e164':
        return e164;
    }
  }

  private authorized(req: IncomingMessage, url: URL): boolean {
    const expected = `${this.options.username}:${this.options.password}`;
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Basic ') && Buffer.from(header.slice(6), 'base64').toString() === expected) return true;
    return url.searchParams.get('api_key') === expected;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const reply = (status: number, body?: unknown, logged = url.pathname.replace(/^\/ari/, '')) => {
      this.requests.push({ method, route: logged, status });
      const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Basic realm="Asterisk REST Interface"' } : {};
      if (body === undefined) {
        res.writeHead(status, headers).end();
      } else {
        res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
    };
    if (!url.pathname.startsWith('/ari/')) return reply(404, { message: 'Not Found' });
    if (!this.authorized(req, url)) return reply(401, { message: 'Authentication required' });
    const path = url.pathname.slice('/ari'.length);
    const found = route(method, path);
    if ('status' in found) return reply(found.status, { message: found.status === 404 ? 'Resource not found' : 'Method not allowed' });
    const doc = /^\/api-docs\/(\w+)\.json$/.exec(path)?.[1];
    if (doc && this.failingDocs.has(doc)) return reply(500, { message: 'Internal Server Error' }, found.template);
    const body = await readJson(req);
    try {
      const result = found.handler(this.asterisk, { params: found.params, query: url.searchParams, body, basePath: `http://${req.headers.host ?? 'localhost'}/ari` });
      reply(result.status, result.body, found.template);
    } catch (error) {
      if (error instanceof AriHttpError) return reply(error.status, { message: error.message }, found.template);
      throw error;
    }
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export { AriHttpError };
