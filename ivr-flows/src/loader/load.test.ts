import { describe, expect, it } from 'vitest';
import { describeProblem, loadFlow } from './load.js';

const base = `schemaVersion: 1
id: demo
version: "1"
languages: [hi, en]
defaultLanguage: hi
start: hello
`;

function problem(yaml: string, file = 'demo.yaml'): string {
  const result = loadFlow(yaml, file);
  if (result.ok) throw new Error('expected the flow to be refused');
  return describeProblem(result.error);
}

describe('loading a flow', () => {
  it('accepts a sound flow and warns about nodes nothing leads to', () => {
    const result = loadFlow(`${base}nodes:\n  hello: { type: hangup, prompt: { hi: "नमस्ते", en: "Hello" } }\n  lonely: { type: hangup }\n`, 'demo.yaml');
    expect(result.ok && result.warnings).toEqual(['demo.yaml: node "lonely" cannot be reached from "hello"']);
  });

  it('names the file, the node and the problem', () => {
    expect(problem(`${base}nodes:\n  hello: { type: say, prompt: { hi: "x", en: "x" }, next: app_sttaus }\n`)).toBe('demo.yaml: node "hello": leads to "app_sttaus", which is not a node');
    expect(problem(`${base}nodes:\n  hello: { type: sayy, next: hello }\n`)).toMatch(/^demo\.yaml: node "hello": type: must be one of say, play, menu/);
    expect(problem(`${base}nodes:\n  hello: { type: collect, prompt: { hi: "x", en: "x" }, assign: n, next: hello, fallback: hello }\n`)).toMatch(/^demo\.yaml: node "hello": maxDigits: /);
    expect(problem(`${base}nodes:\n  hello: { type: menu, prompt: { hi: "x", en: "x" }, choices: { "12": hello }, fallback: hello }\n`)).toMatch(/^demo\.yaml: node "hello": choices/);
    expect(problem(`${base}nodes:\n  hello: { type: say, prompt: { hi: "x" }, next: hello }\n`)).toBe('demo.yaml: node "hello": prompt: no text and no recorded file for en');
    expect(problem(`${base}nodes:\n  hello: { type: say, prompt: { hi: "{{#if x}}", en: "x" }, next: hello }\n`)).toMatch(/^demo\.yaml: node "hello": prompt\.hi: /);
    expect(problem(`${base}nodes:\n  hello: { type: branch, cases: [{ when: { openNow: office }, next: hello }], otherwise: hello }\n`)).toBe(
      'demo.yaml: node "hello": openNow names calendar "office", which is not defined',
    );
  });

  it('refuses a language with neither speech synthesis nor a recording', () => {
    const halbi = base.replace('[hi, en]', '[hi, hlb]');
    expect(problem(`${halbi}nodes:\n  hello: { type: hangup, prompt: { hi: "x", hlb: "x" } }\n`)).toBe(
      'demo.yaml: node "hello": prompt: hlb has no speech synthesis, so it needs a recorded file (files.hlb)',
    );
    expect(loadFlow(`${halbi}nodes:\n  hello: { type: hangup, prompt: { hi: "x", files: { hlb: "sound:samvad/hlb/hello" } } }\n`, 'demo.yaml').ok).toBe(true);
  });

  it('refuses broken YAML, a missing start and a wrong format version at the flow level', () => {
    expect(problem('schemaVersion: [1', 'x.yaml')).toMatch(/^x\.yaml: is not valid YAML/);
    expect(problem(`${base.replace('start: hello', 'start: nowhere')}nodes:\n  hello: { type: hangup }\n`)).toBe('demo.yaml: start "nowhere" is not a node');
    expect(problem(`${base.replace('schemaVersion: 1', 'schemaVersion: 2')}nodes:\n  hello: { type: hangup }\n`)).toMatch(/^demo\.yaml: schemaVersion: /);
  });
});
