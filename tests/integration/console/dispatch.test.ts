import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE, MAX_BRIDGE_PAYLOAD_BYTES, type BridgeApi } from '#shared/contract/bridge';
import { dispatchBridge } from '#console/dispatch';
import type { ConsoleCore } from '#console/service';
import { deadUrl, startCore, tempDir } from './support';

describe('dispatchBridge: the one entry point of both shells', () => {
  let core: ConsoleCore;

  beforeAll(async () => {
    core = await startCore(tempDir(), await deadUrl());
  });
  afterAll(async () => {
    await core?.close();
  });

  it('calls the core and returns a result that matches the contract', async () => {
    const res = await dispatchBridge(core, 'app.info', {});
    expect(res.ok).toBe(true);
    if (res.ok) expect(BRIDGE['app.info'].result.parse(res.result)).toMatchObject({ shell: 'web', demo: true });
    const settings = await dispatchBridge(core, 'settings.get', undefined);
    expect(settings.ok && BRIDGE['settings.get'].result.parse(settings.result).language).toBe('zh-CN');
  });

  it('answers an unknown method with unknown_method, including inherited object names', async () => {
    expect(await dispatchBridge(core, 'items.delete', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatchBridge(core, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatchBridge(core, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('answers arguments of the wrong type or with unknown fields with invalid and says which field', async () => {
    const wrong = await dispatchBridge(core, 'items.list', { kind: 'car', sinceRev: -1 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!wrong.ok && wrong.error.message).toMatch(/kind/);
    expect(await dispatchBridge(core, 'items.get', { id: 'APP-410100-1', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await dispatchBridge(core, 'auth.login', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await dispatchBridge(core, 'settings.set', { attachmentCacheMb: 1 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('answers a payload over the bridge limit with payload_too_large before looking at it', async () => {
    const huge = 'x'.repeat(MAX_BRIDGE_PAYLOAD_BYTES + 1);
    expect(await dispatchBridge(core, 'auth.login', { badge: '100001', password: huge })).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  it('passes the core’s own errors through as {code, message}', async () => {
    expect(await dispatchBridge(core, 'items.list', { kind: 'tip', sinceRev: 0 })).toMatchObject({ ok: false, error: { code: 'no_session' } });
    expect(await dispatchBridge(core, 'items.command', { itemId: 'APP-410100-1', type: 'claim', body: {} })).toMatchObject({
      ok: false,
      error: { code: 'no_session' },
    });
  });

  it('turns a bug into internal without leaking its message, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { 'app.info': async () => Promise.reject(new TypeError('secret internals')) } as unknown as BridgeApi;
    const res = await dispatchBridge(broken, 'app.info', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!res.ok && res.error.message).not.toContain('secret internals');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
