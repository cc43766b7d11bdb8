/**
 * The ARI password travels in the events URL (`api_key=user:password`) and in a Basic header, so
 * any error text from ari-client, ws or the HTTP stack may carry it. Every text the adapter logs
 * goes through here first; pino's path redaction cannot see inside a message string.
 */
export function secretForms(username: string, password: string): string[] {
  const forms = new Set([
    password,
    encodeURIComponent(password),
    `${username}:${password}`,
    `${encodeURIComponent(username)}:${encodeURIComponent(password)}`,
    Buffer.from(`${username}:${password}`).toString('base64'),
  ]);
  // longest first, so a form that contains another is replaced whole
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

/** A loggable summary of anything thrown: name and message only (no request objects, no headers). */
export function errorForLog(error: unknown, secrets: readonly string[]): { name: string; message: string } {
  if (error === undefined || error === null) return { name: 'None', message: 'no error given' };
  if (error instanceof Error) return { name: error.name, message: redact(error.message, secrets) };
  if (typeof error === 'string') return { name: 'Thrown', message: redact(error, secrets) };
  if (typeof error === 'object' && error !== null && 'status' in error) return { name: 'HttpError', message: `status ${String(error.status)}` };
  return { name: 'Unknown', message: redact(String(error), secrets) };
}
