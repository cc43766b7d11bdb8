import { FlowRegistry } from '@samvad/ivr-flows';
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
