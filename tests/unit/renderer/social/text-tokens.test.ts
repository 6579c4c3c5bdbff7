import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTags } from '../../../../src/shared/social/social-types';
import { tokenizePost } from '../../../../src/renderer/src/features/social/text-tokens';

describe('post text with cashtags and mentions', () => {
  it('splits text into plain runs, cashtags and mentions in order', () => {
    expect(tokenizePost('Long $btc into @Alice_1’s level, $ETH next')).toEqual([
      { kind: 'text', text: 'Long ' },
      { kind: 'cashtag', text: '$btc', symbol: 'BTC' },
      { kind: 'text', text: ' into ' },
      { kind: 'mention', text: '@Alice_1', username: 'alice_1' },
      { kind: 'text', text: '’s level, ' },
      { kind: 'cashtag', text: '$ETH', symbol: 'ETH' },
      { kind: 'text', text: ' next' },
    ]);
  });

  it('leaves prices, e-mail addresses and $$ alone, as the hub does', () => {
    expect(tokenizePost('paid $100 to me@example.com, $$BTC')).toEqual([{ kind: 'text', text: 'paid $100 to me@example.com, $$BTC' }]);
    expect(parseTags('paid $100 to me@example.com, $$BTC')).toEqual({ cashtags: [], mentions: [] });
  });

  it('links exactly what the hub indexes and gives the text back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('$BTC', '$aapl', '@bob_99', '@x', ' ', 'hi', '$1', 'a$B', '@@z', '\n', 'é'), { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        const tokens = tokenizePost(text);
        expect(tokens.map((t) => t.text).join('')).toBe(text);
        const tags = parseTags(text);
        expect([...new Set(tokens.flatMap((t) => (t.kind === 'cashtag' ? [t.symbol] : [])))]).toEqual(tags.cashtags);
        expect([...new Set(tokens.flatMap((t) => (t.kind === 'mention' ? [t.username] : [])))]).toEqual(tags.mentions);
      }),
    );
  });
});
