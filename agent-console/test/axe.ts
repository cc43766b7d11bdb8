import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { z } from 'zod';

const require = createRequire(import.meta.url);

const ZViolations = z.array(
  z.object({
    id: z.string(),
    impact: z.string().nullable(),
    help: z.string(),
    nodes: z.array(z.string()),
  }),
);
export type TViolation = z.infer<typeof ZViolations>[number];

let source: Promise<string> | null = null;

/**
 * Runs axe-core (from node_modules, never the network) in the page as it is now and returns the
 * serious and critical violations, each with the elements it found them on. The script is
 * evaluated through the DevTools protocol, so the console's Content-Security-Policy stays on.
 */
export async function seriousViolations(page: Page): Promise<TViolation[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await source);
  const found: unknown = await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
    )`);
  return ZViolations.parse(found).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
