import { describe, expect, it } from 'vitest';
import { ideaFromFields, ideaRatio, prefillIdea, type IdeaFields } from '../../../../src/renderer/src/features/social/trade-idea';

const fields = (over: Partial<IdeaFields> = {}): IdeaFields => ({ symbol: 'BTC/USDT', side: 'long', entry: '100', stop: '95', target: '110', timeframe: '1h', ...over });

describe('trade idea in the composer', () => {
  it('builds the idea the hub accepts from valid fields', () => {
    expect(ideaFromFields(fields({ entry: '1,000', stop: '950', target: '1,100' }))).toEqual({
      idea: { symbol: 'BTC/USDT', side: 'long', entry: 1000, stop: 950, target: 1100, timeframe: '1h' },
      errors: {},
    });
  });

  it('wants a stop below and a target above the entry of a long, and the reverse for a short', () => {
    const long = ideaFromFields(fields({ stop: '105', target: '90' }));
    expect(long.idea).toBeNull();
    expect(long.errors).toEqual({ stop: "A long idea's stop is below its entry", target: "A long idea's target is above its entry" });
    const short = ideaFromFields(fields({ side: 'short' }));
    expect(short.errors).toEqual({ stop: "A short idea's stop is above its entry", target: "A short idea's target is below its entry" });
    expect(ideaFromFields(fields({ side: 'short', stop: '105', target: '90' })).idea?.side).toBe('short');
  });

  it('names each blank or non-positive price and a missing symbol', () => {
    expect(ideaFromFields(fields({ symbol: ' ', entry: '', stop: '-1', target: 'abc' })).errors).toEqual({
      symbol: 'Pick a symbol',
      entry: 'Enter a price above 0',
      stop: 'Enter a price above 0',
      target: 'Enter a price above 0',
    });
  });

  it('computes reward over risk, and none for levels on the wrong side', () => {
    expect(ideaRatio({ side: 'long', entry: 100, stop: 95, target: 110 })).toBe(2);
    expect(ideaRatio({ side: 'short', entry: 100, stop: 104, target: 94 })).toBeCloseTo(1.5, 12);
    expect(ideaRatio({ side: 'long', entry: 100, stop: 101, target: 110 })).toBeNull();
  });

  it('prefills 1 % against and 2 % in favour of the last price, on the tick grid', () => {
    expect(prefillIdea('long', 50_000.04, 0.1, 1)).toEqual({ entry: '50000.0', stop: '49500.0', target: '51000.0' });
    expect(prefillIdea('short', 1.08, 0.00001, 5)).toEqual({ entry: '1.08000', stop: '1.09080', target: '1.05840' });
  });
});
