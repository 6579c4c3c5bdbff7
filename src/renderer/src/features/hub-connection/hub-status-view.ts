import type { HubStatus } from '../../../../shared/contract';

export type HubTone = 'online' | 'connecting' | 'offline' | 'unknown';

export interface HubChipView {
  tone: HubTone;
  /** Short text in the status bar. */
  label: string;
  /** The longer story for the tooltip. */
  title: string;
  /** The community's backfill progress 0–1 while it runs, else null. */
  backfill: number | null;
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;

/** What the status bar's hub chip shows for a status (null: not known yet). */
export function hubChipView(status: HubStatus | null): HubChipView {
  if (!status) return { tone: 'unknown', label: 'Hub …', title: 'Asking the core about the social hub', backfill: null };
  const where = status.mode === 'embedded' ? 'embedded hub (simulated community)' : status.url;
  const backfill = status.community?.state === 'backfilling' ? status.community.progress : null;
  const who = status.user ? `Signed in as @${status.user.username}` : 'Not signed in';
  const community = status.community ? ` · community: ${status.community.members} members, ${status.community.state}${backfill !== null ? ` ${pct(backfill)}` : ''}` : '';
  const title = `${status.detail} — ${where}. ${who}${community}.`;
  switch (status.state) {
    case 'online':
      return { tone: 'online', label: 'Hub online', title, backfill };
    case 'starting':
    case 'connecting':
      return { tone: 'connecting', label: status.state === 'starting' ? 'Hub starting…' : 'Hub connecting…', title, backfill };
    case 'offline':
      return { tone: 'offline', label: 'Hub offline · showing saved data', title, backfill };
  }
}

/** "Saved 14:03 — hub offline" under lists served from the local cache. */
export function staleNote(fetchedAt: number | null, now: number): string {
  if (fetchedAt === null) return 'Hub offline: nothing saved yet';
  const mins = Math.max(0, Math.round((now - fetchedAt) / 60_000));
  const age = mins < 1 ? 'just now' : mins < 60 ? `${mins} min ago` : mins < 48 * 60 ? `${Math.round(mins / 60)} h ago` : `${Math.round(mins / 1440)} days ago`;
  return `Hub offline — saved data from ${age}`;
}
