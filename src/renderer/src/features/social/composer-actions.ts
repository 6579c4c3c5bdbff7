import type { ApiClient } from '../../api/api-client';
import type { Timeframe } from '../../../../shared/market/timeframes';
import { SOCIAL_LIMITS } from '../../../../shared/social/social-types';
import { useChartWorkspace } from '../charts/chart-workspace-store';
import { paneSnapshots } from '../charts/pane-snapshots';
import { requireSignIn } from '../hub-connection/hub-actions';
import { useInstruments } from '../market/instruments-store';
import { useQuotes } from '../market/quotes-store';
import { encodeSnapshot } from './encode-snapshot';
import { useComposer } from './composer-store';
import { createPost } from './feed-actions';
import { toast } from './social-outcome';
import { ideaFromFields, prefillIdea } from './trade-idea';

/** The active chart pane: its symbol, timeframe and last price (the quote's, else the last bar's close). */
function activePane(): { id: string; symbol: string; timeframe: Timeframe; price: number | undefined } | null {
  const ws = useChartWorkspace.getState();
  const pane = ws.panes[ws.activePane];
  if (!pane) return null;
  const quote = useQuotes.getState().bySymbol[pane.symbol];
  return { id: pane.id, symbol: pane.symbol, timeframe: pane.timeframe, price: quote && quote.last > 0 ? quote.last : undefined };
}

/** Turns the trade idea on, filled from the active chart: its symbol and timeframe, entry at the last price. */
export function startIdea(): void {
  const c = useComposer.getState();
  const pane = activePane();
  if (!pane) return c.set({ ideaOn: true, expanded: true });
  const inst = useInstruments.getState().bySymbol.get(pane.symbol);
  const levels = pane.price !== undefined ? prefillIdea(c.idea.side, pane.price, inst?.tickSize ?? 0.01, inst?.pricePrecision ?? 2) : {};
  c.set({ ideaOn: true, expanded: true, idea: { ...c.idea, symbol: pane.symbol, timeframe: pane.timeframe, ...levels } });
}

/** Flips the idea's side and moves stop and target to the other side of the entry. */
export function flipIdeaSide(side: 'long' | 'short'): void {
  const c = useComposer.getState();
  if (side === c.idea.side) return;
  const entry = Number(c.idea.entry.replace(/,/g, ''));
  const inst = useInstruments.getState().bySymbol.get(c.idea.symbol);
  const levels = entry > 0 ? prefillIdea(side, entry, inst?.tickSize ?? 0.01, inst?.pricePrecision ?? 2) : {};
  c.setIdea({ side, ...levels });
}

/** Attaches a snapshot of the active chart pane, scaled or JPEG-compressed to fit the hub's 300 KB. */
export function attachActiveChart(): void {
  const pane = activePane();
  const canvas = pane ? paneSnapshots.take(pane.id) : null;
  if (!canvas || canvas.width === 0) return toast('error', 'No chart to attach', 'Open the Charts panel: the active pane is what gets attached.');
  const dataUrl = encodeSnapshot(canvas);
  if (!dataUrl) return toast('error', 'The chart snapshot is too large', `It does not fit ${SOCIAL_LIMITS.imageBytes / 1024} KB even scaled down.`);
  useComposer.getState().set({ image: dataUrl, expanded: true });
}

/** Validates and posts; the composer empties when the hub took the post. */
export async function submitPost(api: ApiClient): Promise<boolean> {
  const c = useComposer.getState();
  if (c.busy) return false;
  const text = c.text.trim();
  const errors: Record<string, string> = {};
  if (!text) errors.text = 'Write something first';
  else if (text.length > SOCIAL_LIMITS.postChars) errors.text = `At most ${SOCIAL_LIMITS.postChars.toLocaleString('en-US')} characters (${text.length.toLocaleString('en-US')} now)`;
  const idea = c.ideaOn ? ideaFromFields(c.idea) : { idea: null, errors: {} };
  for (const [k, v] of Object.entries(idea.errors)) errors[`idea.${k}`] = v;
  c.set({ errors, failure: null });
  if (Object.keys(errors).length > 0) return false;
  if (!requireSignIn('to post')) return false;
  c.set({ busy: true });
  const res = await createPost(api, { text, ...(idea.idea ? { idea: idea.idea } : {}), ...(c.image ? { image: c.image } : {}) });
  if (res.ok) {
    useComposer.getState().clear();
    return true;
  }
  useComposer.getState().set({ busy: false, errors: res.fields ?? {}, failure: res.fields ? null : res.message });
  return false;
}
