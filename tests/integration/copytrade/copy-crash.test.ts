import path from 'node:path';
import { expect, test } from 'vitest';
import { startHub } from '../../../src/hub';
import type { CopyLogEntry, Follow } from '../../../src/shared/contract';
import type { FillBody } from '../../../src/shared/social/strategy-event';
import type { Account } from '../../../src/shared/trading/account';
import type { Order } from '../../../src/shared/trading/order';
import type { Position } from '../../../src/shared/trading/position';
import { apiUrl, RpcTestClient } from '../../helpers/json-rpc-client';
import { startServe, type ServeProcess } from '../../helpers/serve-process';
import { tempDir } from '../../helpers/temp-dir';
import { createParams, StreamWriter } from '../hub/stream-fixtures';

const BTC = 'BTC/USDT';
const FILLS = 500;
const KILLS = 3;

async function result<T>(client: RpcTestClient, method: string, params: unknown): Promise<T> {
  const m = await client.request(method, params);
  if (m.error) throw new Error(`${method}: ${m.error.message}`);
  return m.result as T;
}

/** A small deterministic generator, so a failing run can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Resolves once `check` holds, re-checking after every notification the client receives (copy and hub status). */
async function until(client: RpcTestClient, check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await Promise.race([client.nextNotification('copy.update'), client.nextNotification('copy.signal'), client.nextNotification('hub.status')]);
}

test('SIGKILL at random points of a burst of 500 leader fills: after restarts, the orders match the ledger — no duplicate, no miss', { timeout: 240_000 }, async () => {
  const seed = Number(process.env.IST_CRASH_SEED ?? 20_261_202);
  const random = rng(seed);
  const dir = tempDir();
  const hub = await startHub({ dataDir: path.join(dir, 'hub'), port: 0 });
  const leader = hub.local();
  await leader.call('auth.signUp', { username: 'burst_leader', password: 'correct horse battery' });
  const writer = new StreamWriter();
  await leader.call('strategies.create', createParams(writer.key, 'burst_leader', 'Burst'));
  const start = Date.now();
  await leader.call('strategies.publish', { events: [writer.next({ type: 'flow', time: start, amount: 100_000 }, start), writer.next({ type: 'mark', time: start, equity: 100_000, grossExposure: 0 }, start)] });

  const serveArgs = ['--no-build', '--port', '0', '--data-dir', path.join(dir, 'follower'), '--hub-url', hub.url, '--no-community'];
  let serve: ServeProcess = await startServe(serveArgs);
  let client = await RpcTestClient.connect(apiUrl(serve.port, serve.token));
  const connect = async (): Promise<void> => {
    await result(client, 'events.subscribe', { topics: ['copy.update', 'copy.signal', 'hub.status'] });
    await until(client, async () => (await result<{ state: string }>(client, 'hub.status', {})).state === 'online');
  };
  await connect();
  const accountId = (await result<Account[]>(client, 'accounts.list', {}))[0]!.id;
  // A long time-to-live: every signal missed while the follower was down must still be copied.
  const { followId } = await result<{ followId: string }>(client, 'copy.follow', { strategyId: writer.strategyId, accountId, allocation: 20_000, guards: { signalTtlSeconds: 3600, stopLoss: null } });
  const firstSeq = writer.events.length + 1;
  const lastSeq = writer.events.length + FILLS;

  // The leader trades a random walk of BTC, flipping often, in batches as fast as the hub takes them.
  let position = 0;
  let published = 0;
  const publishUpTo = async (n: number): Promise<void> => {
    while (published < n) {
      const batch = [];
      for (let k = 0; k < 10 && published < n; k++, published++) {
        const qty = Math.round((0.05 + random() * 0.5) * 1000) / 1000;
        const side = position > 1 || (position > -1 && random() < 0.5) ? 'sell' : 'buy';
        position = Math.round((position + (side === 'buy' ? qty : -qty)) * 1000) / 1000;
        const now = Date.now();
        const body: FillBody = { type: 'fill', fillId: `b${published}`, symbol: BTC, assetClass: 'crypto', side, qty, price: 50_000, fee: 0, fxRate: 1, lotStep: 0.001, time: now, positionQty: position, equity: 100_000 };
        batch.push(writer.next(body, now));
      }
      await leader.call('strategies.publish', { events: batch });
    }
  };

  const handledUpTo = async (): Promise<number> => (await result<Follow[]>(client, 'copy.list', {})).find((f) => f.followId === followId)!.leaderSeq;
  // Each kill lands while the follower is still working through the burst: 60 fills beyond the point are already out.
  const killPoints = Array.from({ length: KILLS }, () => 20 + Math.floor(random() * (FILLS - 100))).sort((a, b) => a - b);
  for (const point of killPoints) {
    await publishUpTo(point + 60);
    await until(client, async () => (await handledUpTo()) >= firstSeq + point);
    serve.child.kill('SIGKILL');
    await serve.exited;
    serve = await startServe(serveArgs);
    client = await RpcTestClient.connect(apiUrl(serve.port, serve.token));
    await connect();
  }
  await publishUpTo(FILLS);
  await until(client, async () => {
    const f = (await result<Follow[]>(client, 'copy.list', {})).find((x) => x.followId === followId)!;
    return f.leaderSeq === lastSeq && f.stats.pendingOrders === 0;
  });

  const log: CopyLogEntry[] = [];
  for (let cursor: string | null | undefined; cursor !== null; ) {
    const page = await result<{ entries: CopyLogEntry[]; nextCursor: string | null }>(client, 'copy.log', { followId, limit: 500, ...(cursor ? { cursor } : {}) });
    log.push(...page.entries);
    cursor = page.nextCursor;
  }
  const orders = (await result<Order[]>(client, 'orders.list', { accountId, limit: 5000 })).filter((o) => o.clientOrderId.startsWith('cp_'));
  const positions = await result<Position[]>(client, 'positions.list', { accountId });
  serve.child.kill('SIGTERM');
  await serve.exited;
  await hub.close();

  // No miss: every leader fill has exactly one log entry.
  const seqs = log.map((e) => e.leaderSeq).filter((s): s is number => s !== null);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: FILLS }, (_, i) => firstSeq + i));
  // No duplicate: each order the ledger decided on is at the broker exactly once, and nothing else is.
  const decided = log.flatMap((e) => e.orders.filter((o) => o.status !== 'unsent').map((o) => o.clientOrderId));
  expect(new Set(decided).size).toBe(decided.length);
  expect(orders.map((o) => o.clientOrderId).sort()).toEqual([...decided].sort());
  for (const entry of log) for (const o of entry.orders) expect(o.status, `${o.clientOrderId} of seq ${entry.leaderSeq}`).toBe('filled');
  // The account's position is what the copy ledger's orders add up to.
  const signed = orders.reduce((sum, o) => sum + (o.side === 'buy' ? o.filledQty : -o.filledQty), 0);
  expect(positions.find((p) => p.symbol === BTC)?.qty ?? 0).toBeCloseTo(signed, 6);
  // …and proportional to the leader's: a fifth of its position (20,000 of 100,000), within a lot.
  expect(positions.find((p) => p.symbol === BTC)?.qty ?? 0).toBeCloseTo(position / 5, 1);
  expect(log.filter((e) => e.outcome === 'copied').length).toBeGreaterThan(FILLS * 0.9);
});
