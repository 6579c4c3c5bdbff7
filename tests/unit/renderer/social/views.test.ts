import { describe, expect, it } from 'vitest';
import type { HubStatus, Verification } from '../../../../src/shared/contract';
import { hubChipView, staleNote } from '../../../../src/renderer/src/features/hub-connection/hub-status-view';
import { fullTime, relativeTime } from '../../../../src/renderer/src/features/social/relative-time';
import { verificationView } from '../../../../src/renderer/src/features/strategy/verification-view';
import { drawdownPoints, equityPoints, percentLabel } from '../../../../src/renderer/src/features/strategy/equity-series';

const status = (over: Partial<HubStatus> = {}): HubStatus => ({ mode: 'embedded', url: 'ws://127.0.0.1:1/hub/v1', state: 'online', detail: 'Connected', user: null, community: null, since: 0, ...over });

describe('hub chip', () => {
  it('says online, connecting or offline with saved data', () => {
    expect(hubChipView(null).tone).toBe('unknown');
    expect(hubChipView(status())).toMatchObject({ tone: 'online', label: 'Hub online' });
    expect(hubChipView(status({ state: 'connecting' }))).toMatchObject({ tone: 'connecting', label: 'Hub connecting…' });
    expect(hubChipView(status({ state: 'starting' })).tone).toBe('connecting');
    expect(hubChipView(status({ state: 'offline', detail: 'Connection refused' }))).toMatchObject({ tone: 'offline', label: 'Hub offline · showing saved data' });
    expect(hubChipView(status({ state: 'offline', detail: 'Connection refused' })).title).toContain('Connection refused');
  });

  it('shows the community backfill progress only while it runs', () => {
    expect(hubChipView(status({ community: { state: 'backfilling', members: 60, progress: 0.45 } })).backfill).toBe(0.45);
    expect(hubChipView(status({ community: { state: 'running', members: 60, progress: 1 } })).backfill).toBeNull();
  });

  it('dates saved data in words', () => {
    const now = 1_700_000_000_000;
    expect(staleNote(null, now)).toBe('Hub offline: nothing saved yet');
    expect(staleNote(now - 20_000, now)).toBe('Hub offline — saved data from just now');
    expect(staleNote(now - 5 * 60_000, now)).toBe('Hub offline — saved data from 5 min ago');
    expect(staleNote(now - 3 * 3_600_000, now)).toBe('Hub offline — saved data from 3 h ago');
    expect(staleNote(now - 4 * 86_400_000, now)).toBe('Hub offline — saved data from 4 days ago');
  });
});

describe('verification badge', () => {
  const v = (over: Partial<Verification>): Verification => ({ state: 'verified', verifiedSeq: 1200, headSeq: 1200, problem: null, checkedAt: 1, ...over });
  it('states what was checked, or where and why it failed', () => {
    expect(verificationView(v({}))).toMatchObject({ tone: 'verified', label: 'Verified' });
    expect(verificationView(v({})).detail).toContain('1,200 events');
    const failed = verificationView(v({ state: 'failed', verifiedSeq: 41, problem: { code: 'bad_signature', seq: 42, message: 'Event 42 is not signed by the strategy key.' } }));
    expect(failed).toMatchObject({ tone: 'failed', label: 'Verification failed at event #42' });
    expect(failed.detail).toContain('not signed by the strategy key');
    expect(verificationView(v({ state: 'pending', verifiedSeq: 10, headSeq: 50 })).detail).toBe('10 of 50 events checked so far.');
  });
});

describe('relative times', () => {
  const now = Date.UTC(2025, 5, 15, 12, 0, 0);
  it('counts up to a week, then dates', () => {
    expect(relativeTime(now - 3_000, now)).toBe('now');
    expect(relativeTime(now - 45_000, now)).toBe('45s');
    expect(relativeTime(now - 12 * 60_000, now)).toBe('12m');
    expect(relativeTime(now - 5 * 3_600_000, now)).toBe('5h');
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe('2d');
    expect(relativeTime(Date.UTC(2025, 2, 4), now)).toBe('Mar 4');
    expect(relativeTime(Date.UTC(2024, 2, 4), now)).toBe('2024-03-04');
    expect(fullTime(Date.UTC(2024, 2, 4, 14, 3), 'utc')).toBe('2024-03-04 14:03 UTC');
  });
});

describe('equity chart series', () => {
  it('draws the index as cumulative return and the drawdown below zero, in percent, by UTC day', () => {
    expect(equityPoints([{ day: '2024-01-01', value: 1 }, { day: '2024-01-02', value: 1.25 }])).toEqual([
      { time: Date.UTC(2024, 0, 1) / 1000, value: 0 },
      { time: Date.UTC(2024, 0, 2) / 1000, value: 25 },
    ]);
    expect(drawdownPoints([{ day: '2024-01-02', value: 0.2 }, { day: '2024-01-03', value: 0 }]).map((p) => p.value)).toEqual([-20, 0]);
    expect(percentLabel(12.34)).toBe('+12.3%');
    expect(percentLabel(-3.041)).toBe('−3.04%');
    expect(percentLabel(0.02)).toBe('+0.02%'); // a flat start still reads apart on the axis
    expect(percentLabel(0.001)).toBe('0.00%');
    expect(percentLabel(250)).toBe('+250%');
  });
});
