import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemberProfile } from '../../../src/core/sim/member-profile';
import { createMemberSim } from '../../../src/core/sim/member-sim';
import { ROSTER } from '../../../src/core/sim/roster';
import { createSimMarket } from '../../../src/core/sim/sim-market';
import { isMarketOpen } from '../../../src/shared/market/trading-hours';
import { DAY_MS } from '../../../src/shared/market/timeframes';
import { isOnStep } from '../../../src/shared/numbers/steps';
import { eventBodySchema, type EventBody, type FillBody } from '../../../src/shared/social/strategy-event';

/** Tuesday 2026-12-01 12:00 UTC. */
const NOW = Date.UTC(2026, 11, 1, 12);
const TODAY = Math.floor(NOW / DAY_MS);
const MARKET_SEED = 20_240_101;
const member = (username: string): MemberProfile => ROSTER.find((p) => p.username === username)!;

function run(profile: MemberProfile, days: number, seed = 7, until = NOW): readonly EventBody[] {
  const sim = createMemberSim({ profile, market: createSimMarket(MARKET_SEED), seed, startDay: TODAY - days });
  sim.advance(until);
  return sim.bodies;
}

const fills = (bodies: readonly EventBody[]): FillBody[] => bodies.filter((b): b is FillBody => b.type === 'fill');

describe('simulated member', () => {
  it('produces the same events for the same seed, market and start', () => {
    for (const name of ['ma_monk', 'nvda_tape', 'moon_or_bust']) {
      expect(run(member(name), 120)).toEqual(run(member(name), 120));
    }
  });

  it('produces the same events whether it advances in one step or bar by bar in many', () => {
    const profile = member('opening_bell');
    const whole = run(profile, 25);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 25 * DAY_MS }), { minLength: 1, maxLength: 12 }), (offsets) => {
        const sim = createMemberSim({ profile, market: createSimMarket(MARKET_SEED), seed: 7, startDay: TODAY - 25 });
        for (const t of [...offsets].sort((a, b) => a - b)) sim.advance(NOW - 25 * DAY_MS + t);
        sim.advance(NOW);
        expect(sim.bodies).toEqual(whole);
      }),
      { numRuns: 8 },
    );
  });

  it('publishes well-formed bodies in time order, positions that replay from its fills, and at most one mark a day', () => {
    for (const name of ['pipwave', 'first_30', 'double_or_nothing', 'steady_eddie', 'dax_dipper']) {
      const bodies = run(member(name), 200);
      const positions = new Map<string, number>();
      const markDays = new Set<number>();
      let last = 0;
      for (const b of bodies) {
        eventBodySchema.parse(b);
        expect(b.time).toBeGreaterThanOrEqual(last);
        last = b.time;
        if (b.type === 'fill') {
          const next = Math.round(((positions.get(b.symbol) ?? 0) + (b.side === 'buy' ? b.qty : -b.qty)) / b.lotStep) * b.lotStep;
          positions.set(b.symbol, next);
          expect(b.positionQty).toBeCloseTo(next, 9);
        }
        if (b.type === 'mark') {
          const day = Math.floor(b.time / DAY_MS);
          expect(markDays.has(day)).toBe(false);
          markDays.add(day);
          expect(b.time).toBe((day + 1) * DAY_MS - 1);
        }
      }
      expect(fills(bodies).length).toBeGreaterThan(0);
    }
  });

  it('marks every day with a fill or a flow, and skips only quiet days that changed nothing', () => {
    for (const name of ['swing_sensei', 'steady_eddie', 'leveraged_larry', 'coin_rotator']) {
      const bodies = run(member(name), 400);
      const marks = new Map(bodies.filter((b) => b.type === 'mark').map((m) => [Math.floor(m.time / DAY_MS), m]));
      for (const b of bodies) if (b.type !== 'mark') expect(marks.has(Math.floor(b.time / DAY_MS)), `${name} ${b.type} on an unmarked day`).toBe(true);
      let previous: EventBody | undefined;
      for (const b of bodies) {
        if (b.type !== 'mark') continue;
        const day = Math.floor(b.time / DAY_MS);
        const active = bodies.some((x) => x.type !== 'mark' && Math.floor(x.time / DAY_MS) === day);
        if (previous && previous.type === 'mark' && !active) expect(b.equity !== previous.equity || b.grossExposure !== previous.grossExposure).toBe(true);
        previous = b;
      }
    }
  });

  it('trades quantities on the lot step at prices on the tick grid, only while the market is open', () => {
    const market = createSimMarket(MARKET_SEED);
    for (const name of ['nvda_tape', 'first_30', 'spx_scalps', 'pip_sniper', 'dax_drifter', 'value_vera', 'snapback_sally']) {
      for (const f of fills(run(member(name), 60))) {
        const inst = market.instrument(f.symbol);
        expect(f.lotStep).toBe(inst.lotStep);
        expect(isOnStep(f.qty, inst.lotStep)).toBe(true);
        expect(isOnStep(f.price, inst.tickSize)).toBe(true);
        expect(isMarketOpen(inst.tradingHours, f.time), `${name} filled ${f.symbol} at ${new Date(f.time).toISOString()}`).toBe(true);
      }
    }
  });

  it('converts an instrument quoted in euros at the EUR/USD rate', () => {
    const market = createSimMarket(MARKET_SEED);
    const de40 = fills(run(member('dax_dipper'), 200)).filter((f) => f.symbol === 'DE40');
    expect(de40.length).toBeGreaterThan(0);
    for (const f of de40) expect(f.fxRate).toBe(market.fxRate('EUR', Math.floor(f.time / DAY_MS) - 1));
  });

  it('starts with its capital and tops the account up with a recorded flow when a reckless member runs low', () => {
    const profile = member('rekt_recovery');
    const bodies = run(profile, 150);
    // The first fill costs only fees and half a spread of the starting capital.
    const first = fills(bodies)[0]!;
    expect(Math.abs(first.equity / profile.capital - 1)).toBeLessThan(0.01);
    const flows = bodies.filter((b) => b.type === 'flow');
    expect(flows.length).toBeGreaterThan(0);
    for (const f of flows) expect(f.type === 'flow' && f.amount).toBeGreaterThan(0);
  });

  it('records scheduled deposits and withdrawals as flows on their day', () => {
    const profile = member('steady_eddie');
    const start = TODAY - 600;
    const flows = run(profile, 600).filter((b) => b.type === 'flow');
    expect(flows).toEqual(profile.flows!.map((f) => ({ type: 'flow', time: (start + f.day) * DAY_MS + 1, amount: f.amount })));
  });
});
