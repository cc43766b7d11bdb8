import { isOpen, loadFlowFile, type TFlow } from '@samvad/ivr-flows';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alwaysOpen } from './flows.js';

const HELPLINE = fileURLToPath(new URL('../../../ivr-flows/flows/helpline.yaml', import.meta.url));

describe('alwaysOpen', () => {
  it("opens every calendar around the clock, keeps the rest of the flow, and leaves the file's flow as it was", async () => {
    const loaded = await loadFlowFile(HELPLINE);
    if (!loaded.ok) throw new Error(loaded.error.problem);
    const flow = loaded.flow;
    const source = alwaysOpen({ get: (id: string): TFlow | undefined => (id === 'helpline' ? flow : undefined) });
    const open = source.get('helpline');
    if (!open) throw new Error('the wrapped source lost the flow');

    // Sunday 23:30 India time and Republic Day: closed by the file's hours, open here
    for (const at of ['2026-12-06T18:00:00.000Z', '2026-01-26T06:00:00.000Z']) {
      expect(isOpen(flow.calendars.helpline!, at)).toBe(false);
      expect(isOpen(open.calendars.helpline!, at)).toBe(true);
    }
    expect(open.nodes).toBe(flow.nodes);
    expect(source.get('helpline')).toBe(open);
    expect(source.get('missing')).toBeUndefined();
  });
});
