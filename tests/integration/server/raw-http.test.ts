import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { startExchange, type ExchangeHandle } from '../../helpers/exchange';
import { startWebShell, type WebShell } from '../../../electron/web-shell';
import type { ConsoleCore } from '#console/service';
import { startCore, tempDir } from '../console/support';

/** Sends raw bytes on a fresh connection and reads the whole answer until the server closes. */
function raw(port: number, bytes: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('utf8');
      // a keep-alive answer: stop once the declared body is in
      const m = /content-length: (\d+)/i.exec(text);
      const head = text.indexOf('\r\n\r\n');
      if (m && head >= 0 && Buffer.byteLength(text.slice(head + 4)) >= Number(m[1])) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(bytes);
  });
}

const code = (body: string): string => ErrorBodySchema.parse(JSON.parse(body)).error.code;

/**
 * Issue 9, findings 3 and 4: framework and raw-HTTP errors bypassed the one error shape (Fastify's
 * FST_ERR_BAD_URL, a 414 for an over-long parameter, Node's bare 400), and the web shell answered
 * a malformed method name with a 500.
 */
describe('every bad request is a 4xx in the one error shape', () => {
  let exchange: ExchangeHandle;
  let core: ConsoleCore;
  let shell: WebShell;
  let exchangePort: number;
  beforeAll(async () => {
    exchange = await startExchange();
    exchangePort = Number(new URL(exchange.url).port);
    core = await startCore(tempDir(), exchange.url);
    shell = await startWebShell({ core, port: 0 });
  });
  afterAll(async () => {
    await shell?.close();
    await core?.close();
    await exchange?.stop();
  });

  it('on the exchange: bad percent-encoding, an over-long parameter and malformed HTTP', async () => {
    const host = `Host: 127.0.0.1:${exchangePort}\r\nConnection: close\r\n`;
    const badUrl = await raw(exchangePort, `GET /api/v1/attachments/%ZZ HTTP/1.1\r\n${host}\r\n`);
    expect([badUrl.status, code(badUrl.body)]).toEqual([400, 'invalid']);
    const long = await raw(exchangePort, `GET /api/v1/attachments/${'a'.repeat(400)} HTTP/1.1\r\n${host}\r\n`);
    expect([long.status, code(long.body)]).toEqual([404, 'not_found']);
    const garbage = await raw(exchangePort, 'HELLO THERE\r\n\r\n');
    expect([garbage.status, code(garbage.body)]).toEqual([400, 'invalid']);
    const huge = await raw(exchangePort, `GET /api/v1/health HTTP/1.1\r\n${host}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect([huge.status, code(huge.body)]).toEqual([431, 'payload_too_large']);
    // and the exchange is fine afterwards
    expect((await fetch(`${exchange.url}/api/v1/health`)).status).toBe(200);
  });

  it('on the web shell: a malformed method name is unknown_method, malformed HTTP is invalid', async () => {
    const port = shell.port;
    const headers = `Host: 127.0.0.1:${port}\r\nx-console-token: ${shell.token}\r\ncontent-type: application/json\r\ncontent-length: 2\r\nConnection: close\r\n\r\n{}`;
    for (const name of ['%', '%ZZ', '%E0%A4%A']) {
      const res = await raw(port, `POST /bridge/${name} HTTP/1.1\r\n${headers}`);
      expect([name, res.status, (JSON.parse(res.body) as { error: { code: string } }).error.code]).toEqual([name, 404, 'unknown_method']);
    }
    const garbage = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect([garbage.status, (JSON.parse(garbage.body) as { error: { code: string } }).error.code]).toEqual([400, 'invalid']);
    const ok = await raw(port, `POST /bridge/app.info HTTP/1.1\r\n${headers}`);
    expect(ok.status).toBe(200);
  });
});
