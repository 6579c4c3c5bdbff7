import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HeadlessHost } from '../../../src/server/headless-host';
import { apiUrl, RpcTestClient } from '../../helpers/json-rpc-client';
import { startTestHost } from '../../helpers/test-host';
import { LATEST_SCHEMA_VERSION } from '../../../src/core/store/migrations';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function connected(overrides = {}): Promise<{ host: HeadlessHost & { dataDir: string }; client: RpcTestClient }> {
  const host = await startTestHost(overrides);
  cleanup.push(() => host.close());
  const client = await RpcTestClient.connect(apiUrl(host.port, host.token));
  cleanup.push(() => client.close());
  return { host, client };
}

describe('JSON-RPC 2.0 over WebSocket at /api', () => {
  it('answers system.info', async () => {
    const { client, host } = await connected();
    const reply = await client.request('system.info');
    expect(reply).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { app: 'Instant Social Trading', version: '0.0.0-test', host: 'headless', dataDir: host.dataDir, schemaVersion: LATEST_SCHEMA_VERSION, startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
  });

  it('answers an unknown method with -32601', async () => {
    const { client } = await connected();
    const reply = await client.request('system.selfDestruct', {});
    expect(reply.error).toMatchObject({ code: -32601, data: { code: 'METHOD_NOT_FOUND' } });
  });

  it('answers bad params with -32602 and the failing fields in data', async () => {
    const { client } = await connected();
    const reply = await client.request('events.subscribe', { topics: ['nope.nope'], extra: true });
    expect(reply.error?.code).toBe(-32602);
    expect(reply.error?.data).toMatchObject({ code: 'INVALID_PARAMS', fields: expect.arrayContaining([expect.objectContaining({ path: 'topics.0' }), expect.objectContaining({ path: '(params)' })]) });
    const positional = await client.request('system.info', [1, 2]);
    expect(positional.error?.code).toBe(-32602);
  });

  it('answers malformed frames with -32700 / -32600 and keeps serving', async () => {
    const { client } = await connected();
    client.ws.send('{"jsonrpc": "2.0", "method": ');
    expect((await client.response(null)).error).toMatchObject({ code: -32700, data: { code: 'PARSE_ERROR' } });
    client.ws.send(JSON.stringify({ jsonrpc: '1.0', id: 7, method: 'system.info' }));
    expect((await client.response(7)).error).toMatchObject({ code: -32600 });
    client.ws.send('[]');
    expect((await client.response(null)).error).toMatchObject({ code: -32600 });
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await client.response(null)).error).toMatchObject({ code: -32600 });
    expect((await client.request('system.info')).result).toBeDefined();
  });

  it('survives 1,000 malformed frames and still answers', async () => {
    const { client } = await connected();
    const garbage = ['{', 'null', '42', '"x"', '{"id":1}', '{"jsonrpc":"2.0"}', '\u0000\u0001', '[1,2', '{"jsonrpc":"2.0","method":5,"id":2}', 'x'.repeat(5000)];
    const errors: Array<Promise<unknown>> = [];
    for (let i = 0; i < 1000; i++) {
      const frame = garbage[i % garbage.length]!;
      const idMatch = frame.match(/"id":(\d+)/);
      errors.push(client.response(idMatch ? Number(idMatch[1]) : null));
      client.ws.send(frame);
    }
    const replies = (await Promise.all(errors)) as Array<{ error?: { code: number } }>;
    expect(replies.every((r) => r.error && [-32700, -32600].includes(r.error.code))).toBe(true);
    expect((await client.request('system.info')).result).toMatchObject({ host: 'headless' });
  });

  it('closes a connection that sends a 2 MiB frame (1009), and the host keeps answering', async () => {
    const { host, client } = await connected();
    const closed = once(client.ws, 'close');
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.info', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009);
    const other = await RpcTestClient.connect(apiUrl(host.port, host.token));
    cleanup.push(() => other.close());
    expect((await other.request('system.info')).result).toBeDefined();
  });

  it('handles batches, answering requests and not notifications', async () => {
    const { client } = await connected();
    const reply = new Promise<unknown>((resolve) => client.ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    client.ws.send(JSON.stringify([{ jsonrpc: '2.0', id: 'a', method: 'system.info' }, { jsonrpc: '2.0', method: 'system.info' }, { jsonrpc: '2.0', id: 'b', method: 'nope.nope' }]));
    const batch = (await reply) as Array<{ id: string; result?: unknown; error?: { code: number } }>;
    expect(batch.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(batch.find((r) => r.id === 'b')?.error?.code).toBe(-32601);
  });

  it('sends the current status right after subscribing, without waiting for the heartbeat', async () => {
    const { client } = await connected({ statusIntervalMs: 0 });
    await client.request('events.subscribe', { topics: ['system.status'] });
    expect(await client.nextNotification('system.status')).toMatchObject({ params: { state: 'ok', databaseBytes: expect.any(Number) } });
  });

  it('delivers subscribed events as notifications, and stops after unsubscribe', async () => {
    const { client } = await connected({ statusIntervalMs: 25 });
    expect((await client.request('events.subscribe', { topics: ['system.status'] })).result).toEqual({ topics: ['system.status'] });
    const note = await client.nextNotification('system.status');
    expect(note).toMatchObject({ jsonrpc: '2.0', method: 'system.status', params: { state: 'ok' } });
    expect(note.id).toBeUndefined();
    expect((await client.request('events.unsubscribe', { topics: ['system.status'] })).result).toEqual({ topics: [] });
  });

  it('answers RATE_LIMITED beyond the per-connection budget, then recovers', async () => {
    const { client } = await connected({ rate: { burst: 5, perSecond: 0.001 } });
    const replies = await Promise.all(Array.from({ length: 8 }, () => client.request('system.info')));
    expect(replies.filter((r) => r.result).length).toBe(5);
    const limited = replies.filter((r) => r.error);
    expect(limited).toHaveLength(3);
    for (const r of limited) expect(r.error).toMatchObject({ code: -32029, data: { code: 'RATE_LIMITED' } });
  });

  it('charges batches per call, refuses batches over 100 calls, and never answers rate-limited notifications', async () => {
    const { client } = await connected({ rate: { burst: 10, perSecond: 0.001 } });
    const big = Array.from({ length: 101 }, (_, i) => ({ jsonrpc: '2.0', id: `b${i}`, method: 'system.info' }));
    const tooBig = client.response(null);
    client.ws.send(JSON.stringify(big.slice(0, 5)));
    const reply = new Promise<unknown>((resolve) => client.ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    expect(((await reply) as unknown[]).length).toBe(5);
    const limited = new Promise<unknown>((resolve) => client.ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    client.ws.send(JSON.stringify([...big.slice(0, 6), { jsonrpc: '2.0', method: 'system.info' }]));
    const refused = (await limited) as Array<{ id: string; error: { code: number } }>;
    expect(refused.map((r) => r.id)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
    expect(refused.every((r) => r.error.code === -32029)).toBe(true);
    const fresh = await startTestHost();
    cleanup.push(() => fresh.close());
    const other = await RpcTestClient.connect(apiUrl(fresh.port, fresh.token));
    cleanup.push(() => other.close());
    const oversized = other.response(null);
    other.ws.send(JSON.stringify(big));
    expect((await oversized).error).toMatchObject({ code: -32600, message: expect.stringContaining('at most 100') });
    void tooBig;
  });

  it('answers a 4xx to a request target like //[ (which new URL() rejects), and keeps serving', async () => {
    const { host, client } = await connected();
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1.1 4\d\d /);
    const plain = await new Promise<string>((resolve) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(plain).toMatch(/^HTTP\/1.1 4\d\d /);
    expect((await client.request('system.info')).result).toBeDefined();
  });

  it('keeps serving other clients while one misbehaves', async () => {
    const { host, client } = await connected();
    const other = await RpcTestClient.connect(apiUrl(host.port, host.token));
    cleanup.push(() => other.close());
    for (let i = 0; i < 200; i++) client.ws.send('garbage');
    expect((await other.request('system.info')).result).toBeDefined();
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });
});
