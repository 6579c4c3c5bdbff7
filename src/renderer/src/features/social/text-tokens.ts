import { CASHTAG, MENTION } from '../../../../shared/social/social-types';

/** A piece of a post's text: plain, a `$CASHTAG` (opens its feed) or an `@mention` (opens the profile). */
export type TextToken = { kind: 'text'; text: string } | { kind: 'cashtag'; text: string; symbol: string } | { kind: 'mention'; text: string; username: string };

/**
 * Splits text into plain runs, cashtags and mentions, by the same patterns the hub parses them
 * with (`parseTags`), so what is a link on screen is what the hub indexed. The pieces joined give
 * the text back unchanged.
 */
export function tokenizePost(text: string): TextToken[] {
  const hits = [
    ...[...text.matchAll(new RegExp(CASHTAG.source, 'g'))].map((m) => ({ at: m.index, text: m[0], token: { kind: 'cashtag', text: m[0], symbol: m[1]!.toUpperCase() } as const })),
    ...[...text.matchAll(new RegExp(MENTION.source, 'g'))].map((m) => ({ at: m.index, text: m[0], token: { kind: 'mention', text: m[0], username: m[1]!.toLowerCase() } as const })),
  ].sort((a, b) => a.at - b.at);
  const out: TextToken[] = [];
  let pos = 0;
  for (const hit of hits) {
    if (hit.at < pos) continue; // cannot overlap by the patterns; kept safe anyway
    if (hit.at > pos) out.push({ kind: 'text', text: text.slice(pos, hit.at) });
    out.push(hit.token);
    pos = hit.at + hit.text.length;
  }
  if (pos < text.length) out.push({ kind: 'text', text: text.slice(pos) });
  return out;
}
