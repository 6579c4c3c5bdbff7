import type { MemberProfile } from './member-profile';
import { ROSTER } from './roster';

/** The first `n` of the roster, taken round-robin over styles so a small community is still varied. */
export function pickMembers(n: number): MemberProfile[] {
  const byKind = new Map<string, MemberProfile[]>();
  for (const p of ROSTER) {
    const list = byKind.get(p.style.kind) ?? [];
    list.push(p);
    byKind.set(p.style.kind, list);
  }
  const out: MemberProfile[] = [];
  for (let round = 0; out.length < Math.min(n, ROSTER.length); round++) {
    for (const list of byKind.values()) if (list[round] && out.length < n) out.push(list[round]!);
  }
  return out;
}
