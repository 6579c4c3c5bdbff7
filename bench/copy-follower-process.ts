/**
 * Child process of `copy.hub_1000_followers`: a follower core (SQLite ledger, paper accounts, the
 * copy executor) with its own WebSocket link to the hub. It subscribes to the leader, checks each
 * pushed event's signature and chain, copies it on every one of its follows, and reports when each
 * follow's order was handed to trading (absolute ms). Started with `fork`; speaks over IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { methods } from '../src/shared/contract';
import { strategyEventSchema } from '../src/shared/social/strategy-event';
import { openCopyBenchCore } from './copy-bench-core';

interface Start {
  type: 'start';
  url: string;
  strategyId: string;
  publicKey: string;
  follows: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const send = (message: unknown): void => void process.send!(message);
const FOLLOWS_PER_ACCOUNT = 50;

process.on('message', (raw: unknown) => {
  const start = raw as Start;
  if (start.type !== 'start') return;
  void (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-bench-follower-'));
    const core = await openCopyBenchCore(dir);
    const accounts: string[] = [];
    for (let a = 0; a < Math.ceil(start.follows / FOLLOWS_PER_ACCOUNT); a++) {
      accounts.push((await core.trading.createAccount({ name: `F${a}`, kind: 'paper', currency: 'USD', balance: 1_000_000, leverage: 2, makerFeeBps: 1, takerFeeBps: 5 })).id);
    }
    // Quotes live before the first signal, as on a running terminal.
    const warm = core.trading.place(accounts[0]!, { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: 0.001, tif: 'IOC', reduceOnly: false });
    await core.feed.whenSubscribed('BTC/USDT');
    core.feed.push({ symbol: 'BTC/USDT', bid: 50_000, ask: 50_000.5, bidSize: 1e9, askSize: 1e9 });
    await warm;

    const ws = new WebSocket(start.url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => resolve());
    });
    let pending: ((m: unknown) => void) | undefined;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { method?: string; params?: { event?: unknown } };
      if (m.method === 'strategy.event') {
        const event = strategyEventSchema.parse(m.params?.event);
        // The order hand-offs of this event are timed from here to the last follow.
        let left = start.follows;
        core.onSubmit.listener = () => {
          if (--left === 0) send({ type: 'copied', seq: event.seq, at: now() });
        };
        core.streams.deliver(event, start.publicKey);
      } else pending?.(m);
    });
    const request = (method: string, params: unknown): Promise<unknown> =>
      new Promise((resolve) => {
        pending = resolve;
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
      });
    // The follower has verified the stream up to now: the same events the hub holds.
    const history = (await request('strategies.events', { strategyId: start.strategyId, afterSeq: 0, limit: 2000 })) as { result: { events: unknown[] } };
    for (const e of history.result.events) core.streams.deliver(strategyEventSchema.parse(e), start.publicKey);
    for (let i = 0; i < start.follows; i++) {
      await core.copy.follow(methods['copy.follow'].params.parse({ strategyId: start.strategyId, accountId: accounts[Math.floor(i / FOLLOWS_PER_ACCOUNT)], allocation: 10_000, sizing: { mode: 'multiplier', factor: 0.01 }, guards: { signalTtlSeconds: 3600, stopLoss: null } }));
    }
    await request('strategies.subscribe', { strategyIds: [start.strategyId] });
    send({ type: 'ready' });
    process.on('message', (m: unknown) => {
      if ((m as { type: string }).type !== 'stop') return;
      ws.terminate();
      void core.close().finally(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
    });
  })().catch((error: unknown) => {
    send({ type: 'error', message: String(error) });
  });
});
