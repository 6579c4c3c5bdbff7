import { describe, expect, it } from 'vitest';
import type { MemberSim } from '../../../src/core/sim/member-sim';
import { ROSTER } from '../../../src/core/sim/roster';
import { computeStrategyMetrics, dailySeries, type StrategyMetrics } from '../../../src/shared/metrics';
import { RANKING_MIN_DAYS, RANKING_MIN_TRIPS } from '../../../src/shared/social/leaderboard';
import { avatarColorSchema, displayNameSchema, SOCIAL_LIMITS, usernameSchema } from '../../../src/shared/social/social-types';
import type { CapitalFlow, EquityMark, MetricFill } from '../../../src/shared/metrics';
import { simulatedCommunity } from './community-fixture';

function metricsOf(sim: MemberSim): StrategyMetrics {
  const marks: EquityMark[] = [];
  const flows: CapitalFlow[] = [];
  const fills: MetricFill[] = [];
  for (const b of sim.bodies) {
    if (b.type === 'mark') marks.push(b);
    else if (b.type === 'flow') flows.push(b);
    else fills.push(b);
  }
  return computeStrategyMetrics({ days: dailySeries(marks, flows), fills });
}

describe('the simulated community roster', () => {
  it('has at least 50 members with valid, distinct names, bios and colours in character', () => {
    expect(ROSTER.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ROSTER.map((p) => p.username)).size).toBe(ROSTER.length);
    expect(new Set(ROSTER.map((p) => p.avatarColor)).size).toBe(ROSTER.length);
    expect(new Set(ROSTER.map((p) => p.strategy.name)).size).toBe(ROSTER.length);
    for (const p of ROSTER) {
      expect(usernameSchema.parse(p.username)).toBe(p.username);
      displayNameSchema.parse(p.displayName);
      avatarColorSchema.parse(p.avatarColor);
      expect(p.bio.length).toBeLessThanOrEqual(SOCIAL_LIMITS.bioChars);
      expect(p.strategy.name.length).toBeLessThanOrEqual(SOCIAL_LIMITS.strategyNameChars);
      expect(p.strategy.description.length).toBeLessThanOrEqual(SOCIAL_LIMITS.strategyDescriptionChars);
    }
  });

  it('spreads members over at least a dozen styles, several per style', () => {
    const perKind = new Map<string, number>();
    for (const p of ROSTER) perKind.set(p.style.kind, (perKind.get(p.style.kind) ?? 0) + 1);
    expect(perKind.size).toBeGreaterThanOrEqual(12);
    for (const [, n] of perKind) expect(n).toBeGreaterThanOrEqual(2);
  });

  it('has varied track records: most a year or more, some near two, a few under 30 days', () => {
    const ages = ROSTER.map((p) => p.ageDays);
    expect(ages.filter((a) => a >= 365).length).toBeGreaterThan(ROSTER.length / 2);
    expect(ages.filter((a) => a >= 680).length).toBeGreaterThanOrEqual(5);
    expect(ages.filter((a) => a < 30).length).toBeGreaterThanOrEqual(3);
  });

  it('trades no pair whose base is the account currency (its P&L would vanish under per-lot FX rates)', () => {
    const symbols = ROSTER.flatMap((p) => ('symbols' in p.style ? p.style.symbols : 'legs' in p.style ? p.style.legs.map((l) => l.symbol) : 'allocations' in p.style ? p.style.allocations.map((a) => a.symbol) : [p.style.symbol]));
    expect(symbols.filter((s) => s.startsWith('USD/'))).toEqual([]);
  });
});

describe('the simulated community’s history', () => {
  const { sims } = simulatedCommunity();
  const figures = new Map(sims.map((s) => [s.profile.username, metricsOf(s)]));

  it('makes at least 10 closed round trips a year for every member old enough to rank, and ranks at least 40', () => {
    let ranked = 0;
    for (const s of sims) {
      const m = figures.get(s.profile.username)!;
      if (m.returnDays < RANKING_MIN_DAYS) continue;
      expect((m.closedTrips * 365) / m.returnDays, s.profile.username).toBeGreaterThanOrEqual(10);
      if (m.closedTrips >= RANKING_MIN_TRIPS) ranked++;
    }
    expect(ranked).toBeGreaterThanOrEqual(40);
  });

  it('shows the martingale traders as high risk with deep drawdowns', () => {
    for (const s of sims.filter((x) => x.profile.style.kind === 'martingale')) {
      const m = figures.get(s.profile.username)!;
      expect(m.riskScore, s.profile.username).toBeGreaterThanOrEqual(7);
      expect(m.periods.all.maxDrawdown.value!, s.profile.username).toBeGreaterThan(0.5);
    }
  });

  it('shows the steady allocators as low risk', () => {
    for (const s of sims.filter((x) => x.profile.style.kind === 'steady')) {
      const m = figures.get(s.profile.username)!;
      expect(m.riskScore, s.profile.username).toBeLessThanOrEqual(3);
      expect(m.periods.all.maxDrawdown.value!, s.profile.username).toBeLessThan(0.15);
    }
  });

  it('gives the leaderboard winners and losers across risk levels', () => {
    const all = [...figures.values()].filter((m) => m.returnDays >= RANKING_MIN_DAYS);
    expect(all.filter((m) => (m.periods.all.return ?? 0) > 0.05).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((m) => (m.periods.all.return ?? 0) < -0.05).length).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((m) => m.riskScore)).size).toBeGreaterThanOrEqual(6);
  });

  it('keeps the backfill to tens of thousands of events', () => {
    const events = sims.reduce((n, s) => n + s.bodies.length, 0);
    expect(events).toBeGreaterThan(15_000);
    expect(events).toBeLessThan(40_000);
  });
});
