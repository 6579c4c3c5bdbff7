import crypto from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { HUB_MAX_FRAME_BYTES } from '../../../src/shared/social/hub-methods';
import { connect, failed, member, ok, startTestHub } from './support';
import type { RpcMessage } from '../../helpers/json-rpc-client';

/** Resolves with the HTTP status and body a WebSocket handshake was refused with. */
async function refusedStatus(url: string): Promise<{ status: number; body: string }> {
  const u = new URL(url.replace('ws://', 'http://'));
  const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'), 'Sec-WebSocket-Version': '13' } });
  req.end();
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  let body = '';
  for await (const chunk of res) body += String(chunk);
  return { status: res.statusCode ?? 0, body };
}

/** A client frame as RFC 6455 wants it (masked text), written by hand so the test owns the socket. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = crypto.randomBytes(4);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const body = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) body[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, body]);
}

describe('hub protocol', () => {
  it('speaks only at /hub/v1: other paths get 404, plain HTTP gets 426', async () => {
    const hub = await startTestHub();
    const other = hub.url.replace('/hub/v1', '/api');
    expect(await refusedStatus(other)).toMatchObject({ status: 404 });
    expect((await fetch(hub.url.replace('ws://', 'http://'))).status).toBe(426);
    expect((await fetch(hub.url.replace('ws://', 'http://').replace('/hub/v1', '/'))).status).toBe(404);
  });

  it('answers unknown methods, invalid params, positional params, binary frames, batches and notifications as JSON-RPC 2.0', async () => {
    const hub = await startTestHub();
    const c = await connect(hub);
    expect(failed(await c.request('posts.fly', {}))).toMatchObject({ code: 'METHOD_NOT_FOUND' });
    const invalid = failed(await c.request('feed.get', { tab: 'sideways' }));
    expect(invalid.code).toBe('INVALID_PARAMS');
    expect(invalid.data.fields).toEqual([expect.objectContaining({ path: 'tab' })]);
    expect(failed(await c.request('hub.hello', [1, 2]))).toMatchObject({ code: 'INVALID_PARAMS' });

    c.ws.send(Buffer.from([1, 2, 3]));
    expect((await c.response(null)).error).toMatchObject({ message: 'Binary frames are not supported: send JSON text', data: { code: 'INVALID_REQUEST' } });

    const frames: RpcMessage[][] = [];
    c.ws.on('message', (data) => {
      const parsed = JSON.parse(String(data)) as RpcMessage | RpcMessage[];
      if (Array.isArray(parsed)) frames.push(parsed);
    });
    c.ws.send(JSON.stringify([{ jsonrpc: '2.0', id: 'a', method: 'hub.hello' }, { jsonrpc: '2.0', method: 'hub.hello' }, { jsonrpc: '2.0', id: 'b', method: 'nope' }, { nonsense: true }]));
    const [a, b, bad] = await Promise.all([c.response('a'), c.response('b'), c.response(null)]);
    expect(a.result).toMatchObject({ protocol: 1 });
    expect(b.error?.data).toMatchObject({ code: 'METHOD_NOT_FOUND' });
    expect(bad.error?.data).toMatchObject({ code: 'INVALID_REQUEST' });
    // One frame answered the batch, in order, without a reply for the notification.
    expect(frames.map((f) => f.map((r) => r.id))).toEqual([['a', 'b', null]]);

    c.ws.send(JSON.stringify(Array.from({ length: 51 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'hub.hello' }))));
    expect((await c.response(null)).error?.message).toBe('Batch too large: at most 50 calls in one frame');
  });

  it('survives 10,000 malformed frames in a row: it answers while the allowance lasts, counts them all, and serves everyone', async () => {
    const hub = await startTestHub();
    const flooder = await connect(hub);
    const garbage = ['{', 'null', '[]', '{"jsonrpc":"1.0"}', '"text"', '{"jsonrpc":"2.0","method":42}'];
    for (let i = 0; i < 10_000; i++) flooder.ws.send(garbage[i % garbage.length]!);
    // Frames are handled in order: the reply to this one comes after all of the garbage.
    const last = await flooder.request('hub.hello', {});
    expect(last.error?.data?.code ?? 'ok').toMatch(/^(ok|RATE_LIMITED)$/);
    const stats = hub.stats();
    expect(stats.malformed).toBeGreaterThanOrEqual(10_000);
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);

    const other = await connect(hub);
    expect(ok(await other.request('hub.hello', {}))).toMatchObject({ protocol: 1 });
    const { client } = await member(hub, 'unbothered');
    expect(ok(await client.request('posts.create', { text: 'still here' }))).toMatchObject({ text: 'still here' });
  });

  it('closes a connection that sends a frame over the size limit (1009) and keeps serving others', async () => {
    const hub = await startTestHub();
    const big = await connect(hub);
    const closed = once(big.ws, 'close') as Promise<[number, Buffer]>;
    big.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'hub.hello', params: { pad: 'x'.repeat(HUB_MAX_FRAME_BYTES) } }));
    const [code] = await closed;
    expect(code).toBe(1009);
    const other = await connect(hub);
    expect(ok(await other.request('hub.hello', {}))).toMatchObject({ protocol: 1 });
  });

  it('rate-limits a connection, saying what was exceeded, without touching other connections', async () => {
    const hub = await startTestHub({ limits: { perConnection: { burst: 5, perSecond: 1 } } });
    const c = await connect(hub);
    const replies = await Promise.all(Array.from({ length: 8 }, () => c.request('hub.hello', {})));
    const limited = replies.filter((r) => r.error);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited[0]!.error).toMatchObject({ message: 'Too many requests on this connection: at most 1 a second (bursts of 5). Slow down and retry.', data: { code: 'RATE_LIMITED' } });
    expect(limited[0]!.error?.data?.retryAfterMs).toBeGreaterThan(0);
    const other = await connect(hub);
    expect(ok(await other.request('hub.hello', {}))).toMatchObject({ protocol: 1 });
  });

  it('rate-limits an address over all its connections', async () => {
    const hub = await startTestHub({ limits: { perIp: { burst: 4, perSecond: 0.5 } } });
    const a = await connect(hub);
    const b = await connect(hub);
    for (let i = 0; i < 4; i++) ok(await (i % 2 ? a : b).request('hub.hello', {}));
    expect(failed(await a.request('hub.hello', {})).message).toBe('Too many requests from your address: at most 0.5 a second (bursts of 4) over all its connections. Slow down and retry.');
  });

  it('refuses connections over the per-address limit with 429 and a reason', async () => {
    const hub = await startTestHub({ limits: { connectionsPerIp: 2 } });
    const a = await connect(hub);
    await connect(hub);
    const refused = await refusedStatus(hub.url);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Too many connections from your address: at most 2 at once');
    await a.close();
    // The slot is free again once a connection closes.
    await expect.poll(async () => {
      const c = await connect(hub).catch(() => null);
      return c !== null;
    }).toBe(true);
  });

  it('cuts off a client that stops reading instead of buffering for it without bound', async () => {
    const hub = await startTestHub();
    const { client: author } = await member(hub, 'painter');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from([0, 0, 1, 0, 0, 0, 1, 0]), crypto.randomBytes(200 * 1024)]);
    const post = ok<{ imageId: string }>(await author.request('posts.create', { text: 'chart', image: `data:image/png;base64,${png.toString('base64')}` }));

    const url = new URL(hub.url);
    const socket = net.connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await once(socket, 'data');
    // From here on the client never reads: what the hub sends piles up.
    socket.pause();
    const closed = once(socket, 'close');
    for (let i = 0; i < 60; i++) socket.write(maskedTextFrame(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'posts.image', params: { imageId: post.imageId } })));
    socket.resume();
    socket.on('data', () => {});
    await closed;
    expect(hub.stats().slowConsumers).toBe(1);
    expect(ok(await author.request('hub.hello', {}))).toMatchObject({ protocol: 1 });
  });

  it('closes a connection that stops answering pings, and keeps one that answers', async () => {
    const hub = await startTestHub({ pingIntervalMs: 50 });
    const url = new URL(hub.url);
    const silent = net.connect(Number(url.port), url.hostname);
    await once(silent, 'connect');
    silent.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    // Reads the pings but never answers them.
    silent.on('data', () => {});
    const alive = await connect(hub);
    let pings = 0;
    alive.ws.on('ping', () => pings++);
    await once(silent, 'close');
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    expect(ok(await alive.request('hub.hello', {}))).toMatchObject({ protocol: 1 });
  });
});
