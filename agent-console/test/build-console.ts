import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** folder of the console built for this run, served by the server under test */
    consoleDist: string;
  }
}

/** Builds the console once per run into a temporary folder and removes it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = await mkdtemp(join(tmpdir(), 'samvad-console-'));
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  project.provide('consoleDist', outDir);
  return async () => {
    await rm(outDir, { recursive: true, force: true });
  };
}
