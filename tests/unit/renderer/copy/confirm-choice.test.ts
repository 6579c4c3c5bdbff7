import { describe, expect, it } from 'vitest';
import { askChoice, askConfirm, useConfirm } from '../../../../src/renderer/src/features/trading/confirm-store';

const request = { title: 'Stop copying “X”', message: 'Keep or close?', confirmLabel: 'Stop, keep positions', tone: 'neutral' as const, alternative: { label: 'Stop and close positions', tone: 'danger' as const } };

describe('a confirmation with two ways to go ahead (stopping a copy)', () => {
  it('tells which button answered', async () => {
    const keep = askChoice(request);
    useConfirm.getState().answer(true);
    expect(await keep).toBe('confirm');
    const close = askChoice(request);
    useConfirm.getState().answer('alternative');
    expect(await close).toBe('alternative');
    const cancel = askChoice(request);
    useConfirm.getState().answer(false);
    expect(await cancel).toBe('cancel');
    expect(useConfirm.getState().request).toBeNull();
  });

  it('counts a question replaced by a newer one as cancelled', async () => {
    const first = askChoice(request);
    const second = askConfirm({ ...request, alternative: undefined });
    expect(await first).toBe('cancel');
    useConfirm.getState().answer(true);
    expect(await second).toBe(true);
  });

  it('still answers a plain confirmation yes or no', async () => {
    const yes = askConfirm({ ...request, alternative: undefined });
    useConfirm.getState().answer(true);
    expect(await yes).toBe(true);
    const alt = askConfirm(request);
    useConfirm.getState().answer('alternative');
    expect(await alt).toBe(false);
  });
});
