import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub, type Hub, type LocalHubClient } from '../../../src/hub';
import type { Core } from '../../../src/core/create-core';
import type { CopyLogEntry, EventPayload, ParamsIn } from '../../../src/shared/contract';
import type { EventBody, FillBody, StrategyEvent } from '../../../src/shared/social/strategy-event';
import { createScriptedFeed, type ScriptedFeed } from '../../helpers/scripted-feed';
import { createParams, StreamWriter } from '../hub/stream-fixtures';
import { createSocialCore, online } from '../social/social-core';

export const BTC = 'BTC/USDT';

/**
 * A leader publishing a signed stream to a real hub, and a follower core (real SQLite, paper
 * broker on a scripted market) connected to that hub over WebSocket.
 */
export interface CopyHarness {
  dir: string;
  hub: Hub;
  leader: LocalHubClient;
  writer: StreamWriter;
  feed: ScriptedFeed;
  core: Core;
  accountId: string;
  /** The leader's position per symbol as its fills say. */
  position: Map<string, number>;
  /** Signs and publishes the leader's fill (`qty` signed: + buy, − sell) at `price`; `ageMs` backdates its signature. */
  trade(symbol: string, qty: number, price: number, opts?: { ageMs?: number; equity?: number }): Promise<StrategyEvent>;
  publish(body: EventBody, ts?: number): Promise<StrategyEvent>;
  /** Quotes a symbol at a mid price (spread 0.02 %), once the market follows it. */
  quote(symbol: string, mid: number): void;
  /** The follow's log entry for a leader event, after every order it sent was answered. */
  handled(followId: string, seq: number): Promise<CopyLogEntry>;
  follow(params: Omit<ParamsIn<'copy.follow'>, 'strategyId' | 'accountId'> & { accountId?: string }): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

const LEADER_EQUITY = 100_000;

export async function createCopyHarness(): Promise<CopyHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ist-copy-'));
  const hub = await startHub({ dataDir: path.join(dir, 'hub'), port: 0 });
  const leader = hub.local();
  await leader.call('auth.signUp', { username: 'leader', password: 'correct horse battery' });
  const writer = new StreamWriter();
  await leader.call('strategies.create', createParams(writer.key, 'leader', 'Scripted leader'));
  const publish = async (body: EventBody, ts = Date.now()): Promise<StrategyEvent> => {
    const event = writer.next(body, Math.max(ts, body.time));
    await leader.call('strategies.publish', { events: [event] });
    return event;
  };
  // Four minutes back (the hub takes signatures up to five minutes old), so tests can send stale signals.
  const start = Date.now() - 240_000;
  await publish({ type: 'flow', time: start, amount: LEADER_EQUITY }, start);
  await publish({ type: 'mark', time: start + 1, equity: LEADER_EQUITY, grossExposure: 0 }, start + 1);

  const feed = createScriptedFeed(() => Date.now());
  const prices = new Map<string, number>();
  const openCore = async (): Promise<{ core: Core; accountId: string }> => {
    const core = createSocialCore(path.join(dir, 'core'), { hubUrl: hub.url, feed });
    await online(core);
    await core.copyStarted;
    const accounts = await core.call('accounts.list', {});
    return { core, accountId: (accounts as Array<{ id: string }>)[0]!.id };
  };

  const quote = (symbol: string, mid: number): void => {
    prices.set(symbol, mid);
    const half = mid * 0.0001;
    feed.push({ symbol, bid: Number((mid - half).toFixed(2)), ask: Number((mid + half).toFixed(2)) });
  };
  // Whenever the market starts following a symbol the test priced, give it that price.
  const origSubscribe = feed.subscribe.bind(feed);
  feed.subscribe = (symbols, onTick) => {
    const off = origSubscribe(symbols, onTick);
    queueMicrotask(() => symbols.forEach((s) => prices.has(s) && quote(s, prices.get(s)!)));
    return off;
  };

  let { core, accountId } = await openCore();
  const position = new Map<string, number>();

  const harness: CopyHarness = {
    dir,
    hub,
    leader,
    writer,
    feed,
    get core() {
      return core;
    },
    get accountId() {
      return accountId;
    },
    position,
    async trade(symbol, qty, price, opts = {}) {
      const after = Number(((position.get(symbol) ?? 0) + qty).toFixed(8));
      position.set(symbol, after);
      const time = Date.now() - (opts.ageMs ?? 0);
      const body: FillBody = { type: 'fill', fillId: `f${writer.events.length + 1}`, symbol, assetClass: 'crypto', side: qty > 0 ? 'buy' : 'sell', qty: Math.abs(qty), price, fee: 0, fxRate: 1, lotStep: 1e-8, time, positionQty: after, equity: opts.equity ?? LEADER_EQUITY };
      return publish(body, time);
    },
    publish,
    quote,
    handled(followId, seq) {
      return new Promise((resolve) => {
        const off = core.on('copy.signal', (entry: EventPayload<'copy.signal'>) => {
          if (entry.followId !== followId || entry.leaderSeq !== seq) return;
          off();
          void core.copy.idle().then(async () => {
            const log = await core.call('copy.log', { followId, limit: 500 });
            resolve((log as { entries: CopyLogEntry[] }).entries.find((e) => e.leaderSeq === seq)!);
          });
        });
      });
    },
    async follow(params) {
      const result = await core.call('copy.follow', { strategyId: writer.strategyId, accountId: params.accountId ?? accountId, ...params });
      return (result as { followId: string }).followId;
    },
    async restart() {
      await core.close();
      ({ core, accountId } = await openCore());
    },
    async close() {
      await core.close();
      await hub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
