import { describe, expect, it } from 'vitest';
import type { CopyLogEntry, Follow } from '../../../../src/shared/contract';
import { guardsSchema } from '../../../../src/shared/copy/copy-settings';
import { applySignal, EMPTY_LOG, followsById, mergeEntries, orderFollows } from '../../../../src/renderer/src/features/copy/copy-reducers';

const stats: Follow['stats'] = { equity: 0, pnl: 0, return: null, openPositions: 0, divergence: null, latencyP50: null, latencyP99: null,
    latencyNegative: 0, slippageBps: null, copied: 0, skipped: 0, blocked: 0, pendingOrders: 0 };
const follow = (followId: string, createdAt: number, state: Follow['state'] = 'active'): Follow => ({
  followId,
  strategyId: 'st_x',
  strategyName: followId,
  accountId: 'paper-1',
  allocation: 1000,
  sizing: { mode: 'proportional' },
  guards: guardsSchema.parse({}),
  state,
  stateReason: null,
  createdAt,
  leaderSeq: 0,
  stats,
});
const entry = (id: number, outcome: CopyLogEntry['outcome'] = 'copied', followId = 'f_aaaaaaaa'): CopyLogEntry => ({ id, followId, time: id * 1000, leaderSeq: id, leader: null, outcome, guard: null, message: `entry ${id}`, orders: [] });

describe('copy store reducers', () => {
  it('list running follows before stopped ones, newest first within each', () => {
    const byId = followsById([follow('f_old', 1), follow('f_stopped', 5, 'stopped'), follow('f_new', 3, 'paused')]);
    expect(orderFollows(byId).map((f) => f.followId)).toEqual(['f_new', 'f_old', 'f_stopped']);
  });

  it('merge log pages and live entries newest first, an entry shown once with its latest orders', () => {
    const first = [entry(5), entry(4), entry(2)];
    const merged = mergeEntries(first, [entry(4, 'failed'), entry(6), entry(3)]);
    expect(merged.map((e) => [e.id, e.outcome])).toEqual([
      [6, 'copied'],
      [5, 'copied'],
      [4, 'failed'],
      [3, 'copied'],
      [2, 'copied'],
    ]);
    expect(mergeEntries(first, [])).toBe(first);
  });

  it('add a live signal to a loaded log only: an unloaded one gets it with its first page', () => {
    const logs = { f_aaaaaaaa: { ...EMPTY_LOG, status: 'ready' as const, entries: [entry(1)] } };
    expect(applySignal(logs, entry(2)).f_aaaaaaaa!.entries.map((e) => e.id)).toEqual([2, 1]);
    expect(applySignal(logs, entry(7, 'skipped', 'f_bbbbbbbb'))).toBe(logs);
  });
});
