import fc from 'fast-check';
import http from 'node:http';
import { connect } from 'node:net';
import { ErrorBodySchema, ErrorCodeSchema } from '#shared/errors';

/**
 * Shared by the fuzz files: an HTTP sender that reads whatever comes back (status, headers, bytes),
 * a raw-socket sender, generators of hostile values, and the figures every file prints.
 */

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * node:http rather than fetch: fetch refuses some of what we send (bad header values, a body on
 * GET), and when the server answers 413 and closes while we still write, the answer counts, the
 * EPIPE does not.
 */
export function send(base: string, r: Request): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = r.body === undefined ? undefined : Buffer.from(r.body);
    const req = http.request(`${base}${r.path}`, {
      method: r.method,
      headers: { ...(payload ? { 'content-length': String(payload.length) } : {}), ...r.headers },
      agent: false,
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (!payload || payload.length < 64 * 1024) {
      req.end(payload);
      return;
    }
    // a large body: headers first, so a refusal by content-length arrives before we write the rest
    req.flushHeaders();
    const timer = setTimeout(() => req.end(payload), 300);
    req.on('response', () => clearTimeout(timer));
  });
}

/** Raw bytes on a fresh connection; reads until the server closes or the declared body is in. */
export function sendRaw(port: number, chunks: readonly (string | Buffer)[], opts: { halfClose?: boolean; giveUpMs?: number } = {}): Promise<{ status: number; head: string; body: Buffer; raw: Buffer }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    // a server still waiting for the rest of a request we will never send: stop listening (no answer, status 0)
    const giveUp = setTimeout(() => socket.destroy(), opts.giveUpMs ?? 5_000);
    socket.once('close', () => clearTimeout(giveUp));
    const got: Buffer[] = [];
    const finish = () => {
      const raw = Buffer.concat(got);
      const headEnd = raw.indexOf('\r\n\r\n');
      const head = headEnd >= 0 ? raw.subarray(0, headEnd).toString('latin1') : raw.toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const body = headEnd >= 0 ? raw.subarray(headEnd + 4) : Buffer.alloc(0);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      resolve({ status, head, body: length ? body.subarray(0, Number(length[1])) : body, raw });
    };
    socket.on('data', (c: Buffer) => {
      got.push(c);
      const raw = Buffer.concat(got);
      const headEnd = raw.indexOf('\r\n\r\n');
      const length = headEnd >= 0 ? /\r\ncontent-length: *(\d+)/i.exec(raw.subarray(0, headEnd).toString('latin1')) : null;
      // one answer is all we look at: stop once its declared body is in (keep-alive would hold the socket)
      if (length && raw.length - headEnd - 4 >= Number(length[1])) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      if (opts.halfClose) socket.end();
    });
  });
}

/** Status classes and the answers that broke the rules, for the printed figures. */
export class Figures {
  sent = 0;
  readonly byClass: Record<string, number> = {};
  readonly byCode: Record<string, number> = {};
  readonly fiveHundreds: string[] = [];
  readonly badShapes: string[] = [];
  readonly unanswered: string[] = [];
  private readonly shapeKeys = new Set<string>();

  record(status: number, what: string, body?: Buffer | string): void {
    this.sent += 1;
    const cls = status === 0 ? 'no answer' : `${Math.floor(status / 100)}xx`;
    this.byClass[cls] = (this.byClass[cls] ?? 0) + 1;
    if (status >= 500) this.fiveHundreds.push(`${status} ${what} ${String(body ?? '').slice(0, 300)}`);
    if (status === 0 && !this.unanswered.includes(what)) this.unanswered.push(what);
  }

  /** Where the findings stand now, to check only those made after it (see `since`). */
  mark(): { five: number; shapes: number } {
    return { five: this.fiveHundreds.length, shapes: this.badShapes.length };
  }

  /** The 5xx answers and misshapen error bodies recorded since `mark`. */
  since(m: { five: number; shapes: number }): { fiveHundreds: string[]; badErrorShapes: string[] } {
    return { fiveHundreds: this.fiveHundreds.slice(m.five), badErrorShapes: this.badShapes.slice(m.shapes) };
  }

  print(name: string): void {
    console.log(
      `[${name}] figures ${JSON.stringify({ requestsSent: this.sent, statusClasses: this.byClass, errorCodes: this.byCode, fiveHundreds: this.fiveHundreds.length, badErrorShapes: this.badShapes.length, unanswered: this.unanswered }, null, 2)}`,
    );
    if (this.fiveHundreds.length > 0) console.log(`[${name}] 5xx answers:\n${this.fiveHundreds.join('\n')}`);
    if (this.badShapes.length > 0) console.log(`[${name}] error bodies not in the one shape:\n${this.badShapes.join('\n')}`);
  }

  /** A 4xx/5xx body must be `{error: {code, message}}` with a code of shared/errors.ts. Returns the code. */
  errorCode(status: number, body: Buffer | string, what: string, rawAnswer?: string): string | null {
    if (status < 400) return null;
    const text = typeof body === 'string' ? body : body.toString('utf8');
    let code: string | null = null;
    try {
      const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) code = parsed.data.error.code;
    } catch {
      code = null;
    }
    if (code === null || !ErrorCodeSchema.safeParse(code).success) {
      // one line per kind of request: the same refusal a hundred times is one finding
      const key = `${status} ${what}`;
      if (!this.shapeKeys.has(key)) {
        this.shapeKeys.add(key);
        this.badShapes.push(`${key}: ${JSON.stringify(rawAnswer ?? text.slice(0, 200))}`);
      }
      return null;
    }
    this.byCode[code] = (this.byCode[code] ?? 0) + 1;
    return code;
  }
}

// ---- generators ---------------------------------------------------------------------------------

/** Strings a validator may not expect: control characters, lone surrogates, long, SQL, paths, numbers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001f', '\u007f', '\ud800', '\udfff', '\u202e', '\ufeff', 'a', '%', '\\', '"', "'", '/'), maxLength: 30 }),
  fc.constantFrom('', ' ', '   ', "' OR 1=1 --", '../../etc/passwd', '%00', '__proto__', 'constructor', 'NaN', '-1', '1e309', '0x10', '１２３', '张三'.repeat(20), '\u0000'),
  fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON-ish value, hostile strings included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.anything({ maxDepth: 3 }),
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53, -(2 ** 53), 1.5, [], {}, [null], { __proto__: null }),
  fc.array(hostileString, { maxLength: 5 }),
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      pathsOf(v, p, out);
    }
  }
  return out;
}

const DELETE = Symbol('delete');

const isExtra = (v: unknown): v is { extra: string; v: unknown } => typeof v === 'object' && v !== null && 'extra' in v && 'v' in v && Object.keys(v).length === 2;

function setAt(base: unknown, path: Path, value: unknown): unknown {
  const root = structuredClone(base) as Record<string | number, unknown>;
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return root;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (!node || typeof node !== 'object') return root;
  const last = path[path.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete (node as Record<string | number, unknown>)[last];
  } else (node as Record<string | number, unknown>)[last] = value;
  return root;
}

/**
 * A valid body with one to three changes anywhere in its tree: a field replaced by anything,
 * removed, or an extra field beside it; sometimes the body untouched, sometimes no object at all.
 */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const change = fc.tuple(
    // an empty object has no field to change: add one beside it
    paths.length > 0 ? fc.constantFrom(...paths) : fc.constant<Path>(['extra']),
    fc.oneof(hostileValue, fc.constant(DELETE), fc.tuple(hostileString, hostileValue).map(([k, v]) => ({ extra: k, v }))),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => changes.reduce<unknown>((acc, [p, v]) => (isExtra(v) ? setAt(acc, [...p.slice(0, -1), v.extra], v.v) : setAt(acc, p, v)), base)) },
    { weight: 1, arbitrary: fc.constant(base) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A JSON text, or something that is almost one. */
export function jsonText(value: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(value) ?? 'null';
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(text) },
    { weight: 1, arbitrary: fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[', '{"a":}', 'null', '"str"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '\ufeff{}', '{}{}', '1'.repeat(400)) },
  );
}

/** Percent-encodes everything but unreserved characters (so any string can sit in a URL). */
export function enc(s: string): string {
  return Buffer.from(s, 'utf8')
    .toString('hex')
    .replace(/../g, (h) => {
      const c = String.fromCharCode(parseInt(h, 16));
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${h.toUpperCase()}`;
    });
}
