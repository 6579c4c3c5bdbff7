import { describe, expect, it } from 'vitest';
import { memberKey } from '../../../src/core/sim/member-keys';
import { pickMembers } from '../../../src/core/sim/pick-members';
import { backfillTs, createStreamWriter } from '../../../src/core/sim/stream-writer';
import { createNodeStreamCrypto, createSigner } from '../../../src/hub';
import { EMPTY_HEAD, verifyChain } from '../../../src/shared/social/stream-chain';
import type { EventBody } from '../../../src/shared/social/strategy-event';

const crypto = createNodeStreamCrypto();
const T = Date.UTC(2026, 5, 1);
const bodies: EventBody[] = [
  { type: 'fill', fillId: 'f1', symbol: 'BTC/USDT', assetClass: 'crypto', side: 'buy', qty: 0.1, price: 60_000, fee: 4.5, fxRate: 1, lotStep: 0.00001, time: T + 1000, positionQty: 0.1, equity: 9995.5 },
  { type: 'mark', time: T + 86_399_999, equity: 10_100, grossExposure: 6_100 },
  { type: 'flow', time: T + 86_400_001, amount: 500 },
  { type: 'mark', time: T + 2 * 86_400_000 - 1, equity: 10_550, grossExposure: 6_050 },
];

describe('simulated members’ keys', () => {
  it('derive from the seed and the username alone, so nothing has to be stored', () => {
    expect(memberKey(7, 'trendcarver')).toEqual(memberKey(7, 'trendcarver'));
    expect(memberKey(7, 'trendcarver').strategyId).not.toBe(memberKey(8, 'trendcarver').strategyId);
    expect(memberKey(7, 'trendcarver').strategyId).not.toBe(memberKey(7, 'turtle_soup').strategyId);
    const key = memberKey(7, 'trendcarver');
    expect(crypto.strategyIdFor(key.publicKey)).toBe(key.strategyId);
  });
});

describe('a simulated member’s stream writer', () => {
  it('signs a chain that verifies, stamped a moment after each event', () => {
    const key = memberKey(1, 'pipwave');
    const writer = createStreamWriter({ strategyId: key.strategyId, sign: createSigner(key), crypto, head: EMPTY_HEAD });
    const events = bodies.map((b, i) => writer.append(b, backfillTs(b, i + 1)));
    expect(verifyChain(crypto, key.publicKey, key.strategyId, events)).toMatchObject({ verified: 4, problem: null });
    for (const e of events) {
      expect(e.ts).toBeGreaterThan(e.body.time);
      expect(e.ts - e.body.time).toBeLessThan(2000);
    }
  });

  it('continues from a head and never stamps before it', () => {
    const key = memberKey(1, 'pipwave');
    const first = createStreamWriter({ strategyId: key.strategyId, sign: createSigner(key), crypto, head: EMPTY_HEAD });
    const early = bodies.slice(0, 2).map((b) => first.append(b, T + 5 * 86_400_000));
    const rest = createStreamWriter({ strategyId: key.strategyId, sign: createSigner(key), crypto, head: first.head });
    const late = bodies.slice(2).map((b, i) => rest.append(b, backfillTs(b, i + 3)));
    expect(late[0]!.ts).toBe(early[1]!.ts);
    expect(verifyChain(crypto, key.publicKey, key.strategyId, [...early, ...late]).problem).toBeNull();
  });
});

describe('picking a smaller community', () => {
  it('takes members round-robin over styles, so even a few are varied', () => {
    const six = pickMembers(6);
    expect(six).toHaveLength(6);
    expect(new Set(six.map((p) => p.style.kind)).size).toBe(6);
    expect(pickMembers(1000).length).toBeGreaterThanOrEqual(50);
  });
});
