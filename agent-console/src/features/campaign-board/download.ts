import { renewAccessToken } from '../../api/client.js';
import { sessionStore } from '../../api/session-store.js';

/**
 * Downloads an export the API serves as an attachment. A plain link would carry no bearer
 * token, so the file is fetched with it and handed to the browser as a blob.
 */
export async function downloadExport(path: string, fallbackName: string): Promise<void> {
  const get = (token: string | null) => fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  let token = sessionStore.get()?.accessToken ?? null;
  let res = await get(token);
  if (res.status === 401 && token) {
    token = await renewAccessToken(token);
    if (token) res = await get(token);
  }
  if (!res.ok) throw new Error(`The server answered ${res.status}`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // after the click has started the download
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
