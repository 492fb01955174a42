import type { z } from 'zod';
import { AppError, ErrorBodySchema, type ErrorCode } from '#shared/errors';
import { safeParseWithFastPath } from '#shared/contract/fast-path';
import {
  ChangesResponseSchema,
  CommandsResponseSchema,
  HealthResponseSchema,
  LoginResponseSchema,
  OkResponseSchema,
  RevealResponseSchema,
  OfficerDirectoryResponseSchema,
  ROUTES,
  WaitResponseSchema,
  type ChangesResponse,
  type CommandsResponse,
  type LoginResponse,
  type RevealRequest,
} from '#shared/contract/api';
import type { Command } from '#shared/domain/commands';

const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * How long a request may wait for the response to start (status and headers). Apart from the
 * whole-request timeout: a TCP balancer in front of a dead exchange accepts the connection and
 * then says nothing, and the officer must see "offline" within seconds, not after 15 s with the
 * outbox growing. The long-poll gets its own (its answer starts only when it returns).
 */
const DEFAULT_FIRST_BYTE_MS = 2_500;

function withQuery(path: string, query: Readonly<Record<string, string | number | undefined>> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The file name of a Content-Disposition header (RFC 6266: `filename*=UTF-8''…` first, then `filename="…"`). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}

/** Errors after which a retry may succeed (the exchange was unreachable or failing). */
export function isRetryable(err: unknown): boolean {
  return err instanceof AppError && (err.code === 'offline' || err.code === 'unavailable' || err.code === 'internal' || err.code === 'rate_limited');
}

function statusToCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'invalid';
}

interface RequestOptions {
  token?: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** The whole request, body included. */
  timeoutMs?: number;
  /** Until the response starts (see DEFAULT_FIRST_BYTE_MS). */
  firstByteMs?: number;
}

/** The addresses of a setting: one URL, or several separated by commas (exchange instances behind no balancer). */
export function exchangeUrls(setting: string): string[] {
  const urls = setting
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter((u) => u.length > 0);
  if (urls.length === 0) throw new AppError('invalid', '交换平台地址不能为空');
  return urls;
}

/**
 * The exchange's HTTP API as the console uses it. Every response is parsed with the contract's
 * schemas; error bodies become AppErrors with their code; anything that never reached the
 * exchange (refused, reset, timed out) is `offline`.
 *
 * Several addresses (`http://a:7410,http://b:7410`: exchange instances on one PostgreSQL, see
 * server/README.md) are tried in turn: a request that gets no answer from one goes to the next,
 * and the one that answered is kept for the following requests. Sending a request again
 * elsewhere is safe: commands carry their ids and the exchange applies an id once, whichever
 * instance it reaches (a command the lost instance committed is answered from its record).
 */
export class ExchangeClient {
  private urls: string[];
  private current = 0;

  constructor(
    url: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
    private readonly firstByteMs = DEFAULT_FIRST_BYTE_MS,
  ) {
    this.urls = exchangeUrls(url);
  }

  /** The setting as given: every address, comma-separated. */
  get url(): string {
    return this.urls.join(',');
  }

  /** The address that answered last. */
  get activeUrl(): string {
    return this.urls[this.current]!;
  }

  setUrl(url: string): void {
    this.urls = exchangeUrls(url);
    this.current = 0;
  }

  health = (signal?: AbortSignal) => this.json('GET', ROUTES.health, HealthResponseSchema, { signal });

  login = (badge: string, password: string): Promise<LoginResponse> =>
    this.json('POST', ROUTES.login, LoginResponseSchema, { body: { badge, password } });

  logout = (token: string) => this.json('POST', ROUTES.logout, OkResponseSchema, { token, timeoutMs: 3_000 });

  changes = (token: string, after: number, limit: number, signal?: AbortSignal): Promise<ChangesResponse> =>
    this.json('GET', `${ROUTES.changes}?after=${after}&limit=${limit}`, ChangesResponseSchema, { token, signal });

  /** Long-poll: resolves when something newer than `after` exists or the wait times out. */
  wait = (token: string, after: number, timeoutMs: number, signal?: AbortSignal) =>
    this.json('GET', `${ROUTES.changesWait}?after=${after}&timeoutMs=${timeoutMs}`, WaitResponseSchema, {
      token,
      signal,
      timeoutMs: timeoutMs + 10_000,
      firstByteMs: timeoutMs + 10_000,
    });

  commands = (token: string, commands: Command[]): Promise<CommandsResponse> =>
    this.json('POST', ROUTES.commands, CommandsResponseSchema, { token, body: { commands } });

  officers = (token: string, signal?: AbortSignal) => this.json('GET', ROUTES.officerDirectory, OfficerDirectoryResponseSchema, { token, signal });

  reveal = (token: string, req: RevealRequest) => this.json('POST', ROUTES.reveal, RevealResponseSchema, { token, body: req });

  async attachment(token: string, sha256: string, signal?: AbortSignal): Promise<{ bytes: Buffer; contentType: string }> {
    const res = await this.request('GET', ROUTES.attachment.replace(':sha256', sha256), { token, signal, timeoutMs: 60_000 });
    if (!res.ok) throw await this.errorFrom(res);
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch (e) {
      throw this.networkError(e);
    }
    return { bytes: Buffer.from(body), contentType: res.headers.get('content-type')?.split(';')[0]?.trim() ?? 'application/octet-stream' };
  }

  /**
   * Any other JSON route of the contract (the supervisors' figures, the audit log, officer
   * administration): online only, parsed with the route's response schema. `query` values that are
   * undefined are left out.
   */
  call = <S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    opts: { token: string; body?: unknown; query?: Readonly<Record<string, string | number | undefined>>; timeoutMs?: number },
  ): Promise<z.infer<S>> => this.json(method, withQuery(path, opts.query), schema, { token: opts.token, body: opts.body, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });

  /** A document the exchange generates (the weekly report): its bytes, type and suggested file name. */
  async download(
    token: string,
    path: string,
    query?: Readonly<Record<string, string | number | undefined>>,
  ): Promise<{ bytes: Buffer; contentType: string; fileName: string | null }> {
    const res = await this.request('GET', withQuery(path, query), { token, timeoutMs: 60_000, firstByteMs: 30_000 });
    if (!res.ok) throw await this.errorFrom(res);
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch (e) {
      throw this.networkError(e);
    }
    return {
      bytes: Buffer.from(body),
      contentType: res.headers.get('content-type')?.split(';')[0]?.trim() ?? 'application/octet-stream',
      fileName: fileNameOf(res.headers.get('content-disposition')),
    };
  }

  private async json<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    opts: RequestOptions,
  ): Promise<z.infer<S>> {
    const res = await this.request(method, path, opts);
    if (!res.ok) throw await this.errorFrom(res);
    let raw: unknown;
    try {
      raw = await res.json();
    } catch (e) {
      throw this.networkError(e);
    }
    // a canonical answer (every feed page the exchange writes) skips zod's copy: shared/contract/fast-path.ts
    const parsed = safeParseWithFastPath(schema, raw);
    if (!parsed.success) {
      throw new AppError('internal', `交换平台的应答不符合接口约定（${method} ${path}）`, { issues: parsed.error.issues.slice(0, 5) });
    }
    return parsed.data;
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    opts: RequestOptions,
  ): Promise<Response> {
    let lastError: AppError | null = null;
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const index = (this.current + attempt) % this.urls.length;
      try {
        const res = await this.requestOnce(this.urls[index]!, method, path, opts);
        this.current = index;
        return res;
      } catch (err) {
        // only "no answer" moves on; an answer (even an error) is the exchange's word
        if (!(err instanceof AppError) || err.code !== 'offline' || opts.signal?.aborted) throw err;
        lastError = err;
      }
    }
    throw lastError!;
  }

  private async requestOnce(
    baseUrl: string,
    method: 'GET' | 'POST',
    path: string,
    opts: RequestOptions,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs);
    const firstByteMs = opts.firstByteMs ?? this.firstByteMs;
    const silence = new AbortController();
    const silent = setTimeout(() => silence.abort(new Error(`交换平台 ${firstByteMs} ms 内无应答`)), firstByteMs);
    const signal = AbortSignal.any(opts.signal ? [opts.signal, timeout, silence.signal] : [timeout, silence.signal]);
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        signal,
      });
    } catch (e) {
      // a caller's own abort (shutdown) is not an outage
      if (opts.signal?.aborted) throw new AppError('offline', '请求已取消', { aborted: true });
      if (silence.signal.aborted) throw new AppError('offline', '交换平台无应答，请检查网络', { detail: 'no_first_byte', firstByteMs });
      throw this.networkError(e);
    } finally {
      clearTimeout(silent);
    }
  }

  private networkError(e: unknown): AppError {
    const detail = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    return new AppError('offline', '无法连接交换平台，请检查网络', { detail });
  }

  private async errorFrom(res: Response): Promise<AppError> {
    const text = await res.text().catch(() => '');
    try {
      const body = ErrorBodySchema.safeParse(JSON.parse(text));
      if (body.success) return new AppError(body.data.error.code, body.data.error.message, body.data.error.details);
    } catch {
      // not JSON: a proxy or a crashed exchange; fall through to the status code
    }
    return new AppError(statusToCode(res.status), `交换平台返回 HTTP ${res.status}`);
  }
}
