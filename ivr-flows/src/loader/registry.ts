import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TFlow } from '../flow/schema.js';
import { describeProblem, loadFlowFile, type TFlowProblem } from './load.js';

const FLOW_FILE = /\.(ya?ml|json)$/;

export interface TFlowRegistryOptions {
  /** a flow that was refused; the previous version, if any, keeps serving */
  onError?: (problem: TFlowProblem, message: string) => void;
  onLoaded?: (flow: TFlow, file: string, warnings: string[]) => void;
  /** quiet time before a changed file is read (editors write in several steps) */
  debounceMs?: number;
}

/**
 * The flows of a directory, by id. A file that changes is validated again; a broken version is
 * refused and the good one keeps serving, so an administrator's typo never takes the helpline down.
 */
export class FlowRegistry {
  private readonly flows = new Map<string, TFlow>();
  /** which file holds which flow, so two files cannot claim one id */
  private readonly fileOf = new Map<string, string>();
  private watcher: FSWatcher | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly directory: string,
    private readonly options: TFlowRegistryOptions = {},
  ) {}

  get(flowId: string): TFlow | undefined {
    return this.flows.get(flowId);
  }

  ids(): string[] {
    return [...this.flows.keys()];
  }

  /** loads every flow file; resolves with the problems found (the good flows are served) */
  async loadAll(): Promise<TFlowProblem[]> {
    const files = (await readdir(this.directory)).filter((f) => FLOW_FILE.test(f)).sort();
    const problems: TFlowProblem[] = [];
    for (const file of files) {
      const problem = await this.reload(file);
      if (problem) problems.push(problem);
    }
    return problems;
  }

  /** reads one file again; null when its flow is now served */
  async reload(file: string): Promise<TFlowProblem | null> {
    const result = await loadFlowFile(join(this.directory, file));
    if (!result.ok) return this.refuse(result.error);
    const owner = this.fileOf.get(result.flow.id);
    if (owner !== undefined && owner !== file) return this.refuse({ file, nodeId: null, problem: `flow id "${result.flow.id}" is already served from ${owner}` });
    this.flows.set(result.flow.id, result.flow);
    this.fileOf.set(result.flow.id, file);
    this.options.onLoaded?.(result.flow, file, result.warnings);
    return null;
  }

  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.directory, (_event, name) => {
      if (!name || !FLOW_FILE.test(name)) return;
      clearTimeout(this.timers.get(name));
      this.timers.set(
        name,
        setTimeout(() => {
          this.timers.delete(name);
          void this.reload(name);
        }, this.options.debounceMs ?? 200),
      );
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private refuse(problem: TFlowProblem): TFlowProblem {
    this.options.onError?.(problem, describeProblem(problem));
    return problem;
  }
}
