/**
 * The recorder writes a call's row from the call's first event, in the background. An action a
 * flow takes in its first moments (a survey answer on a fast simulated call) may reach
 * PostgreSQL before that row, so a write that refers to the call retries for a moment when the
 * foreign key finds no call yet. In real calls the row is seconds older than any action.
 */
const RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800];

/** node-postgres reports 23503 naming the constraint; Prisma P2003 with the constraint in `meta`. */
function isMissingCallRow(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  if (error.code !== '23503' && error.code !== 'P2003') return false;
  const said = `${'message' in error ? String(error.message) : ''} ${'meta' in error ? JSON.stringify(error.meta) : ''}`;
  return /_call_id_fkey/.test(said);
}

export async function whenCallRowExists<T>(write: () => Promise<T>, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (const delay of RETRY_DELAYS_MS) {
    try {
      return await write();
    } catch (error) {
      if (!isMissingCallRow(error)) throw error;
      await wait(delay);
    }
  }
  return write();
}
