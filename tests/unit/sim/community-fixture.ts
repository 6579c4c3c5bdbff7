import type { MemberProfile } from '../../../src/core/sim/member-profile';
import { createMemberSim, type MemberSim } from '../../../src/core/sim/member-sim';
import { ROSTER } from '../../../src/core/sim/roster';
import { createSimMarket, type SimMarket } from '../../../src/core/sim/sim-market';
import type { SocialMember } from '../../../src/core/sim/social/compose-post';
import { DAY_MS } from '../../../src/shared/market/timeframes';

/** Tuesday 2026-12-01 12:00 UTC: the community's "now" in these tests. */
export const NOW = Date.UTC(2026, 11, 1, 12);
export const MARKET_SEED = 20_240_101;
export const SEED = 42;

export interface SimulatedCommunity {
  market: SimMarket;
  sims: MemberSim[];
  social: SocialMember[];
}

let built: SimulatedCommunity | undefined;

/** The whole roster simulated from its first start to NOW (built once per test file). */
export function simulatedCommunity(profiles: readonly MemberProfile[] = ROSTER): SimulatedCommunity {
  if (built && profiles === ROSTER) return built;
  const market = createSimMarket(MARKET_SEED);
  const today = Math.floor(NOW / DAY_MS);
  const sims = profiles.map((profile) => createMemberSim({ profile, market, seed: SEED, startDay: today - profile.ageDays }));
  const first = Math.min(...sims.map((s) => s.startDay)) - 400;
  for (let day = first; day <= today; day++) for (const s of sims) s.advance(Math.min(NOW, (day + 1) * DAY_MS));
  const social = sims.map((sim, i) => ({
    profile: sim.profile,
    userId: `u_member${String(i).padStart(3, '0')}`,
    strategyId: `st_${'s'.repeat(20)}${String(i).padStart(4, '0')}`,
    startTime: sim.startDay * DAY_MS,
    bodies: sim.bodies,
    symbols: sim.symbols,
  }));
  const community = { market, sims, social };
  if (profiles === ROSTER) built = community;
  return community;
}
