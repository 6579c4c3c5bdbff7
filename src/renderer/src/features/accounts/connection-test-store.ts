import { create } from 'zustand';
import type { Result } from '../../../../shared/contract';

export type ConnectionTestResult = Result<'accounts.testConnection'>;

/** One connection test: the exchange's verdict, or why the test itself could not run. */
export type ConnectionTest = { time: number; result: ConnectionTestResult; error?: undefined } | { time: number; result?: undefined; error: string };

interface ConnectionTestState {
  byAccount: Readonly<Record<string, ConnectionTest>>;
  record(accountId: string, test: ConnectionTest): void;
}

/** The last connection test of each live account this session (verdicts only: no keys). */
export const useConnectionTests = create<ConnectionTestState>()((set, get) => ({
  byAccount: {},
  record: (accountId, test) => set({ byAccount: { ...get().byAccount, [accountId]: test } }),
}));

/** The one line a test shows: the exchange's summary with latency, or the failure. */
export function testLine(test: ConnectionTest): string {
  if (test.error !== undefined) return `Test failed: ${test.error}`;
  const r = test.result;
  // The summary may already give the latency; say it once.
  const latency = r.latencyMs !== null && !/latency/i.test(r.summary) ? `${Math.round(r.latencyMs)} ms` : null;
  const extras = [latency, r.clockOffsetMs !== null && Math.abs(r.clockOffsetMs) >= 1000 ? `clock off by ${(r.clockOffsetMs / 1000).toFixed(1)} s` : null].filter(Boolean);
  return extras.length > 0 ? `${r.summary} · ${extras.join(' · ')}` : r.summary;
}

export const testOk = (test: ConnectionTest): boolean => test.result?.ok === true;
