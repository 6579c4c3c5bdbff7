import { describe, expect, it } from 'vitest';
import { apiSocketUrl, openStartupConnection } from '../../../src/renderer/src/api/startup-connection';
import type { IstBridge } from '../../../src/shared/ist-bridge';

class FakeSocket {
  readyState = 0;
  sent: Array<{ id: number; method: string; params: unknown }> = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(text: string): void {
    this.sent.push(JSON.parse(text) as FakeSocket['sent'][number]);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  answer(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const browserWindow = (protocol = 'http:') => ({ location: { protocol, host: '127.0.0.1:7420' } });

function open() {
  let socket: FakeSocket | undefined;
  const connection = openStartupConnection(browserWindow(), { createSocket: (url) => (socket = new FakeSocket(url)) });
  return { connection, socket: socket! };
}

describe('start-up connection', () => {
  it('connects to the host API, secure when the page is', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: 'localhost:1' })).toBe('ws://localhost:1/api');
    expect(apiSocketUrl({ protocol: 'https:', host: 'example.org' })).toBe('wss://example.org/api');
    expect(open().socket.url).toBe('ws://127.0.0.1:7420/api');
  });

  it('sends calls made before the socket opened once it opens, and resolves them by id', async () => {
    const { connection, socket } = open();
    const workspace = connection.call('workspace.current');
    const bars = connection.call('market.bars', { symbol: 'BTC/USDT', timeframe: '1m', limit: 10, format: 'columns' });
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent.map((m) => m.method)).toEqual(['workspace.current', 'market.bars']);
    socket.answer({ jsonrpc: '2.0', id: socket.sent[1]!.id, error: { code: -32602, message: 'Unknown symbol' } });
    socket.answer({ jsonrpc: '2.0', id: socket.sent[0]!.id, result: null });
    await expect(workspace).resolves.toBeNull();
    await expect(bars).rejects.toThrow('Unknown symbol');
  });

  it('closes once finished and its calls have settled, and takes no call after that', async () => {
    const { connection, socket } = open();
    socket.open();
    const call = connection.call('workspace.current');
    connection.finish();
    expect(socket.closed).toBe(false);
    socket.answer({ jsonrpc: '2.0', id: 1, result: null });
    await call;
    expect(socket.closed).toBe(true);
    await expect(connection.call('workspace.current')).rejects.toThrow('finished');
  });

  it('fails what is pending when the socket closes', async () => {
    const { connection, socket } = open();
    const call = connection.call('workspace.current');
    socket.onclose?.({});
    await expect(call).rejects.toThrow('closed');
  });

  it('uses the preload bridge in Electron', async () => {
    const calls: unknown[] = [];
    const ist = { call: (method: string, params: unknown) => (calls.push([method, params]), Promise.resolve(null)), on: () => () => {} };
    const win = { ist: ist as unknown as IstBridge, location: { protocol: 'file:', host: '' } };
    const connection = openStartupConnection(win);
    await expect(connection.call('workspace.current')).resolves.toBeNull();
    expect(calls).toEqual([['workspace.current', undefined]]);
    connection.finish();
  });
});
