import { z } from 'zod';
import type { TAriConfig } from './ari.config.js';

/**
 * ari-client loads the API description with swagger-client 2.0, whose failure handler calls back
 * *and then throws* (`SwaggerApi.prototype.fail`) from inside an HTTP response callback: a 401
 * (wrong password), a 404 (Asterisk still loading res_ari) or a 5xx on resources.json or on any
 * resource file becomes an uncaught exception that ends the process; a body that is not JSON does
 * the same through `JSON.parse`. So the adapter fetches the same documents first, with the same
 * credentials, and only lets ari-client load them once they are all there and well formed.
 */

const ZResourceList = z.object({
  basePath: z.string().optional(),
  apis: z.array(z.object({ path: z.string().min(1) })).min(1),
});
const ZDeclaration = z.object({ apis: z.array(z.unknown()), models: z.record(z.string(), z.unknown()).optional() });

/** Resources ari-client reads besides the ones the adapter calls: `events` holds the event models. */
const REQUIRED = ['events', 'channels', 'bridges', 'playbacks', 'applications', 'recordings'];

export class AriUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AriUnavailable';
  }
}

async function getJson(url: string, auth: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: auth, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : 'network error';
    throw new AriUnavailable(`${new URL(url).pathname}: ${reason}`);
  }
  if (!response.ok) throw new AriUnavailable(`${new URL(url).pathname}: HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new AriUnavailable(`${new URL(url).pathname}: not JSON`);
  }
}

export async function preflightDescription(config: Pick<TAriConfig, 'url' | 'username' | 'password'>, timeoutMs: number): Promise<void> {
  const auth = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
  const list = ZResourceList.safeParse(await getJson(`${config.url}/ari/api-docs/resources.json`, auth, timeoutMs));
  if (!list.success) throw new AriUnavailable('resources.json is not an API description');
  // swagger-client resolves each resource against basePath (Asterisk rewrites it to the Host we used)
  const basePath = list.data.basePath?.startsWith('http') ? list.data.basePath : `${config.url}/ari`;
  const names = list.data.apis.map((api) => api.path.split('/').pop()?.replace('.{format}', '') ?? '');
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new AriUnavailable(`API description lacks ${missing.join(', ')}`);
  await Promise.all(
    list.data.apis.map(async (api) => {
      const declaration = ZDeclaration.safeParse(await getJson(`${basePath}${api.path.replace('{format}', 'json')}`, auth, timeoutMs));
      if (!declaration.success) throw new AriUnavailable(`${api.path} is not a resource declaration`);
    }),
  );
}
