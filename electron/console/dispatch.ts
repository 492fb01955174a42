import { AppError, type ErrorCode } from '#shared/errors';
import { MAX_BRIDGE_PAYLOAD_BYTES, isBridgeMethod, type BridgeApi } from '#shared/contract/bridge';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: { code: ErrorCode; message: string } };

function payloadBytes(raw: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(raw ?? null) ?? '', 'utf8');
  } catch {
    // not serialisable (cycles, BigInt): no shell can have sent it; count it as too large
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The one entry point both shells use (Electron IPC and the web shell's POST /bridge/<method>):
 * checks the method against the contract and the payload size, then calls the core, whose every
 * method parses its arguments with the method's schema once (service.ts). Expected errors come back as `{code, message}`; bugs are
 * logged and come back as `internal` without internals in the message.
 */
export async function dispatchBridge(core: BridgeApi, method: string, rawArgs: unknown): Promise<DispatchResult> {
  if (!isBridgeMethod(method)) return { ok: false, error: { code: 'unknown_method', message: `未知的接口方法：${method.slice(0, 80)}` } };
  if (payloadBytes(rawArgs) > MAX_BRIDGE_PAYLOAD_BYTES) {
    return { ok: false, error: { code: 'payload_too_large', message: `参数超过 ${MAX_BRIDGE_PAYLOAD_BYTES} 字节上限` } };
  }
  try {
    const handler = core[method] as (args: unknown) => Promise<unknown>;
    const result = await handler.call(core, rawArgs ?? {});
    return { ok: true, result };
  } catch (err) {
    if (err instanceof AppError) {
      if (!err.expected) console.error(`[console] ${method} failed:`, err);
      return { ok: false, error: { code: err.code, message: err.message } };
    }
    console.error(`[console] ${method} failed with a bug:`, err);
    return { ok: false, error: { code: 'internal', message: '控制台内部错误，已记录日志' } };
  }
}
