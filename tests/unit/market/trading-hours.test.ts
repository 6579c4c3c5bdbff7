import { describe, expect, it } from 'vitest';
import { isMarketOpen } from '../../../src/shared/market/trading-hours';
import type { TradingHours } from '../../../src/shared/market/instrument';

const NYSE: TradingHours = { kind: 'sessions', timeZone: 'America/New_York', sessions: [{ days: [1, 2, 3, 4, 5], open: '09:30', close: '16:00' }] };
const FX: TradingHours = { kind: 'sessions', timeZone: 'America/New_York', sessions: [{ days: [7, 1, 2, 3, 4], open: '17:00', close: '17:00' }] };
const at = (iso: string) => Date.parse(iso);

describe('trading hours', () => {
  it('opens US stocks 09:30–16:00 New York time, following daylight saving', () => {
    // Winter (EST, UTC−5): 09:30 = 14:30 UTC. Summer (EDT, UTC−4): 09:30 = 13:30 UTC.
    expect(isMarketOpen(NYSE, at('2026-01-05T14:29:59Z'))).toBe(false);
    expect(isMarketOpen(NYSE, at('2026-01-05T14:30:00Z'))).toBe(true);
    expect(isMarketOpen(NYSE, at('2026-01-05T20:59:59Z'))).toBe(true);
    expect(isMarketOpen(NYSE, at('2026-01-05T21:00:00Z'))).toBe(false);
    expect(isMarketOpen(NYSE, at('2026-07-06T13:30:00Z'))).toBe(true);
    expect(isMarketOpen(NYSE, at('2026-07-06T13:29:00Z'))).toBe(false);
  });

  it('keeps stocks closed at weekends', () => {
    expect(isMarketOpen(NYSE, at('2026-01-03T16:00:00Z'))).toBe(false); // Saturday
    expect(isMarketOpen(NYSE, at('2026-01-04T16:00:00Z'))).toBe(false); // Sunday
  });

  it('runs FX from Sunday 17:00 to Friday 17:00 New York across midnight', () => {
    expect(isMarketOpen(FX, at('2026-01-04T21:59:00Z'))).toBe(false); // Sunday 16:59 NY
    expect(isMarketOpen(FX, at('2026-01-04T22:00:00Z'))).toBe(true); // Sunday 17:00 NY
    expect(isMarketOpen(FX, at('2026-01-07T05:00:00Z'))).toBe(true); // Wednesday, middle of the night
    expect(isMarketOpen(FX, at('2026-01-09T21:59:00Z'))).toBe(true); // Friday 16:59 NY
    expect(isMarketOpen(FX, at('2026-01-09T22:00:00Z'))).toBe(false); // Friday 17:00 NY
    expect(isMarketOpen(FX, at('2026-01-10T12:00:00Z'))).toBe(false); // Saturday
  });

  it('is always open for 24/7 markets', () => {
    expect(isMarketOpen({ kind: 'always' }, at('2026-01-03T03:00:00Z'))).toBe(true);
  });
});
