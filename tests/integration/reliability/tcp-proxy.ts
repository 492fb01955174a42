import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP fault proxy between a console and the exchange, below HTTP, so it cuts the line the way a
 * network or a balancer does (issue 9 "keep it found"):
 * - `forward`: bytes both ways, untouched;
 * - `refuse`: every new connection is closed as soon as it is accepted;
 * - `hold`: every new connection is accepted and then nothing is said (a balancer before a dead
 *   exchange); held sockets are cut when the mode changes;
 * - `dropNextAnswer(match)`: the next request whose request line matches is forwarded, and the
 *   client socket is destroyed the moment the exchange starts to answer it (the exchange has done
 *   the work, the console never hears back); `dropAnswers(match)` does so to every one until stopped.
 * Request lines are found in the client's bytes (HTTP/1.1 without pipelining, as undici sends).
 */
export type ProxyMode = 'forward' | 'refuse' | 'hold';

export interface RequestSeen {
  method: string;
  path: string;
}

export interface TcpProxy {
  readonly url: string;
  readonly port: number;
  readonly mode: ProxyMode;
  /** Switches mode; entering refuse or hold also cuts every open connection (keep-alive sockets included). */
  setMode(mode: ProxyMode): void;
  /** Resolves with the request whose answer was dropped. */
  dropNextAnswer(match: (r: RequestSeen) => boolean): Promise<RequestSeen>;
  /** Drops the answer of every matching request until `stop()`; `dropped()` counts them. */
  dropAnswers(match: (r: RequestSeen) => boolean): { dropped(): number; stop(): void };
  /** Resolves when the next request matching `match` has been seen (and forwarded). */
  nextRequest(match: (r: RequestSeen) => boolean): Promise<RequestSeen>;
  /** Destroys every open connection. */
  cutAll(): void;
  readonly stats: { accepted: number; refused: number; held: number; dropped: number; requests: number };
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) (\S+) HTTP\/1\.[01]\r\n/g;

interface Waiter {
  match: (r: RequestSeen) => boolean;
  resolve: (r: RequestSeen) => void;
  /** A connection has taken this drop and waits for its answer to start. */
  armed?: boolean;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  const open = new Set<Socket>();
  const held = new Set<Socket>();
  let dropWaiter: Waiter | null = null;
  let sticky: { match: (r: RequestSeen) => boolean; dropped: number } | null = null;
  const seenWaiters = new Set<Waiter>();
  const stats = { accepted: 0, refused: 0, held: 0, dropped: 0, requests: 0 };

  const track = (s: Socket): void => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };

  const server: Server = createServer((client) => {
    stats.accepted += 1;
    client.on('error', () => undefined);
    if (mode === 'refuse') {
      stats.refused += 1;
      client.destroy();
      return;
    }
    track(client);
    if (mode === 'hold') {
      stats.held += 1;
      held.add(client);
      client.once('close', () => held.delete(client));
      // read and discard, never answer
      client.resume();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    let dropArmed: RequestSeen | null = null;
    let stickyArmed: typeof sticky = null;

    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      for (const m of text.matchAll(REQUEST_LINE)) {
        const seen: RequestSeen = { method: m[1]!, path: m[2]! };
        stats.requests += 1;
        if (sticky && sticky.match(seen)) stickyArmed = sticky;
        else if (dropWaiter && !dropWaiter.armed && dropWaiter.match(seen)) {
          dropWaiter.armed = true;
          dropArmed = seen;
        }
        for (const w of [...seenWaiters]) {
          if (w.match(seen)) {
            seenWaiters.delete(w);
            w.resolve(seen);
          }
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (stickyArmed) {
        stickyArmed.dropped += 1;
        stickyArmed = null;
        stats.dropped += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (dropArmed) {
        // the answer has started: the exchange has committed; the console never gets it
        const seen = dropArmed;
        dropArmed = null;
        stats.dropped += 1;
        client.destroy();
        upstream.destroy();
        const w = dropWaiter;
        dropWaiter = null;
        w?.resolve(seen);
        return;
      }
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    const closed = (): void => {
      // the connection ended before its answer started (the exchange died): the drop stays armed for the next one
      if (dropArmed && dropWaiter) dropWaiter.armed = false;
      dropArmed = null;
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closed);
    upstream.on('close', closed);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;

  const cutAll = (): void => {
    for (const s of [...open]) s.destroy();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get mode() {
      return mode;
    },
    setMode(next) {
      const leavingHold = mode === 'hold' && next !== 'hold';
      mode = next;
      if (next !== 'forward') cutAll();
      if (leavingHold) for (const s of [...held]) s.destroy();
    },
    dropNextAnswer(match) {
      if (dropWaiter) throw new Error('a drop is already armed');
      return new Promise((resolve) => {
        dropWaiter = { match, resolve };
      });
    },
    dropAnswers(match) {
      const rule = { match, dropped: 0 };
      sticky = rule;
      return {
        dropped: () => rule.dropped,
        stop: () => {
          if (sticky === rule) sticky = null;
        },
      };
    },
    nextRequest(match) {
      return new Promise((resolve) => {
        seenWaiters.add({ match, resolve });
      });
    },
    cutAll,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}

/** Matches the console's command batches. */
export const isCommandsPost = (r: RequestSeen): boolean => r.method === 'POST' && r.path.startsWith('/api/v1/commands');
