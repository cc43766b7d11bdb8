import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowRegistry } from './registry.js';

const flow = (greeting: string, next = 'bye') => `schemaVersion: 1
id: helpline
version: "${greeting.length}"
languages: [en]
defaultLanguage: en
start: hello
nodes:
  hello: { type: say, prompt: { en: "${greeting}" }, next: ${next} }
  bye: { type: hangup }
`;

describe('the flow registry', () => {
  let registry: FlowRegistry | null = null;
  afterEach(() => registry?.close());

  it('serves the good version when a changed file is broken, and reports why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    writeFileSync(join(dir, 'helpline.yaml'), flow('Welcome'));
    const errors: string[] = [];
    registry = new FlowRegistry(dir, { onError: (_p, message) => errors.push(message) });
    expect(await registry.loadAll()).toEqual([]);
    expect(registry.get('helpline')?.version).toBe('7');

    writeFileSync(join(dir, 'helpline.yaml'), flow('Welcome back', 'byee'));
    expect(await registry.reload('helpline.yaml')).not.toBeNull();
    expect(errors).toEqual(['helpline.yaml: node "hello": leads to "byee", which is not a node']);
    expect(registry.get('helpline')?.version).toBe('7');

    writeFileSync(join(dir, 'helpline.yaml'), flow('Hello again'));
    expect(await registry.reload('helpline.yaml')).toBeNull();
    expect(registry.get('helpline')?.version).toBe('11');
  });

  it('picks up a changed file while watching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    writeFileSync(join(dir, 'helpline.yaml'), flow('Welcome'));
    const loaded: string[] = [];
    registry = new FlowRegistry(dir, { debounceMs: 20, onLoaded: (f) => loaded.push(f.version) });
    await registry.loadAll();
    registry.watch();
    writeFileSync(join(dir, 'helpline.yaml'), flow('Namaskar'));
    for (let i = 0; i < 100 && registry.get('helpline')?.version !== '8'; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(registry.get('helpline')?.version).toBe('8');
    expect(loaded).toEqual(['7', '8']);
  });

  it('refuses a second file claiming the same flow id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    writeFileSync(join(dir, 'a.yaml'), flow('One'));
    writeFileSync(join(dir, 'b.yaml'), flow('Two'));
    registry = new FlowRegistry(dir);
    const problems = await registry.loadAll();
    expect(problems.map((p) => p.problem)).toEqual(['flow id "helpline" is already served from a.yaml']);
    expect(registry.get('helpline')?.version).toBe('3');
  });
});
