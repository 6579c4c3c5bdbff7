import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/create-core';
import type { HubStatus } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { createSocialCore, hubStatus } from './social-core';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('the simulated community', () => {
  it('backfills in the background, reports its progress in hub.status, then runs; the core closes it in order', { timeout: 180_000 }, async () => {
    core = createSocialCore(tempDir(), { community: true });
    const seen: NonNullable<HubStatus['community']>[] = [];
    core.on('hub.status', (s) => {
      if (s.community) seen.push(s.community);
    });
    const running = await hubStatus(core, (s) => s.community?.state === 'running');
    expect(running).toMatchObject({ mode: 'embedded', state: 'online', community: { state: 'running', progress: 1, members: expect.any(Number) } });
    expect(running.community!.members).toBeGreaterThan(10);
    const progress = seen.filter((c) => c.state === 'backfilling').map((c) => c.progress);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Its strategies rank, and their figures come from streams this core can verify.
    const board = (await core.call('leaderboard.list', { period: 'all', limit: 5 })) as { rows: Array<{ strategyId: string }>; total: number };
    expect(board.total).toBeGreaterThan(0);
    const detail = (await core.call('strategy.get', { strategyId: board.rows[0]!.strategyId })) as { verification: { state: string }; metrics: { returnDays: number } };
    expect(detail.verification.state).toBe('verified');
    expect(detail.metrics.returnDays).toBeGreaterThanOrEqual(30);
    const stopped = hubStatus(core, (s) => s.community?.state === 'stopped');
    await core.close();
    expect((await stopped).community).toMatchObject({ state: 'stopped' });
    core = undefined;
  });
});
