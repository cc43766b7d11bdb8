import { FlowRegistry, type TCalendar, type TFlow } from '@samvad/ivr-flows';
import type { TFlowSource } from './engine.js';
import type { Logger } from '../logger.js';

/**
 * The IVR flows of a folder, loaded in the background and watched: an edited flow is served
 * once it validates; a broken one is refused with the loader's message and the good version
 * keeps serving. Start-up never waits for it (a call in the first instant finds no flow and
 * is refused, which is logged).
 */
export function startFlowRegistry(directory: string, logger: Logger): FlowRegistry {
  const log = logger.child({ component: 'ivr-flows', directory });
  const registry = new FlowRegistry(directory, {
    onError: (problem, message) => log.error({ file: problem.file, nodeId: problem.nodeId }, `IVR flow refused: ${message}`),
    onLoaded: (flow, file, warnings) => log.info({ flowId: flow.id, version: flow.version, file, warnings }, 'IVR flow loaded'),
  });
  registry.loadAll().then(
    () => {
      registry.watch();
      log.info({ flows: registry.ids() }, 'IVR flows ready; watching for changes');
    },
    (error: unknown) => log.error({ err: error }, 'IVR flows could not be read'),
  );
  return registry;
}

const AROUND_THE_CLOCK: TCalendar = {
  weekly: { mon: ['00:00-24:00'], tue: ['00:00-24:00'], wed: ['00:00-24:00'], thu: ['00:00-24:00'], fri: ['00:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'] },
  holidays: [],
};

/**
 * The flows with every calendar open around the clock (IVR_ALWAYS_OPEN): the demo's simulated
 * citizens then reach agents whatever the hour. The files themselves keep their real hours.
 */
export function alwaysOpen(flows: TFlowSource<TFlow>): TFlowSource<TFlow> {
  const opened = new WeakMap<TFlow, TFlow>();
  return {
    get(flowId) {
      const flow = flows.get(flowId);
      if (!flow) return undefined;
      let open = opened.get(flow);
      if (!open) {
        open = { ...flow, calendars: Object.fromEntries(Object.keys(flow.calendars).map((name) => [name, AROUND_THE_CLOCK])) };
        opened.set(flow, open);
      }
      return open;
    },
  };
}
