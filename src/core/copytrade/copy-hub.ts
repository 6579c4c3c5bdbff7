import { ApiError } from '../../shared/contract';
import type { Logger } from '../ports';
import type { HubClient } from '../social/hub-client';
import type { CopyHub } from './copy-service';

type Report = Parameters<CopyHub['report']>[0];

/**
 * Copying's link to the hub: strategy names, and copier reports for the leaderboard. Reports need a
 * signed-in member; the latest one per follow waits for the next time the hub is reachable.
 */
export function createCopyHub(hub: Pick<HubClient, 'call' | 'online' | 'onReady' | 'user'>, log: Logger): CopyHub & { close(): void } {
  const waiting = new Map<string, Report>();
  const flush = (): void => {
    if (!hub.online() || hub.user() === null) return;
    for (const [followId, report] of [...waiting]) {
      waiting.delete(followId);
      hub.call('copies.report', report).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'UNAVAILABLE') waiting.set(followId, report);
        else log.warn({ followId, err: error instanceof Error ? error.message : String(error) }, 'copier report refused by the hub');
      });
    }
  };
  const off = hub.onReady(flush);
  return {
    async strategyName(strategyId) {
      return (await hub.call('strategies.get', { strategyId })).name;
    },
    report(report) {
      waiting.set(report.followId, report);
      flush();
    },
    close: off,
  };
}
