import { describe, expect, it, vi } from 'vitest';
import { BRIDGE, BRIDGE_EVENTS } from '#shared/contract/bridge';
import type { createElectronStandIn } from './stand-in';

/** electron/preload.ts exposes exactly the bridge (no ipcRenderer, no generic on(string)). */
type StandIn = ReturnType<typeof createElectronStandIn>;
const h = vi.hoisted(() => ({ standIn: null as StandIn | null }));

vi.mock('electron', async () => {
  const { createElectronStandIn } = await import('./stand-in');
  h.standIn = createElectronStandIn({ userData: '/nonexistent', encryption: false });
  return h.standIn.electron;
});

describe('electron/preload.ts against a stand-in electron', () => {
  it('exposes consoleApi with exactly the bridge methods and consoleEvents with only on()', async () => {
    await import('../../../electron/preload');
    const { record } = h.standIn!;
    expect([...record.exposed.keys()].sort()).toEqual(['consoleApi', 'consoleEvents']);
    const api = record.exposed.get('consoleApi') as Record<string, (args?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(BRIDGE).sort());
    expect(Object.keys(record.exposed.get('consoleEvents') as object)).toEqual(['on']);
  });

  it('invokes only bridge:<method>, rejects failures with their code, and relays only contract events', async () => {
    const { record } = h.standIn!;
    const api = record.exposed.get('consoleApi') as Record<string, (args?: unknown) => Promise<unknown>>;
    record.invokeReply = (channel) => (channel === 'bridge:app.info' ? { ok: true, result: { version: 'x' } } : { ok: false, error: { code: 'invalid', message: '参数无效' } });
    await expect(api['app.info']!()).resolves.toEqual({ version: 'x' });
    await expect(api['items.get']!({ id: 'nope' })).rejects.toEqual({ code: 'invalid', message: '参数无效' });
    expect(record.invoked.map((i) => i.channel)).toEqual(['bridge:app.info', 'bridge:items.get']);
    expect(record.invoked[0]!.args).toEqual([{}]);

    const events = record.exposed.get('consoleEvents') as { on(event: string, l: (p: unknown) => void): () => void };
    for (const name of Object.keys(BRIDGE_EVENTS)) {
      const off = events.on(name, () => undefined);
      expect(record.rendererListeners.has(`event:${name}`)).toBe(true);
      off();
      expect(record.rendererListeners.has(`event:${name}`)).toBe(false);
    }
    expect(() => events.on('bridge:auth.login', () => undefined)).toThrow(/unknown console event/);
  });
});
