import { create } from 'zustand';
import { INDICATOR_DEFAULTS, type IndicatorKind, type IndicatorSpec } from '../../../../shared/indicators';
import type { Timeframe } from '../../../../shared/market/timeframes';
import type { ChartPane, ChartSync, ChartType, LayoutId, WorkspaceState } from '../../../../shared/workspace/workspace-schema';
import { LAYOUT_SPECS, paneCount } from './layouts';

/** Symbols new panes cycle through, so a fresh multi-pane layout shows a spread of markets. */
const DEFAULT_SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'AAPL', 'EUR/USD', 'NVDA', 'US500', 'SOL/USDT', 'GBP/USD', 'MSFT', 'TSLA', 'USD/JPY', 'DE40', 'BNB/USDT', 'JPM', 'BTC/USDT', 'ETH/USDT'];
export const DEFAULT_WATCHLIST = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'BNB/USDT', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'JPM', 'EUR/USD', 'GBP/USD', 'USD/JPY', 'US500', 'DE40'];

let paneSeq = 0;
const newPaneId = (): string => `p${Date.now().toString(36)}${(paneSeq++).toString(36)}`;

function defaultPane(index: number, template?: ChartPane): ChartPane {
  return { id: newPaneId(), symbol: DEFAULT_SYMBOLS[index % DEFAULT_SYMBOLS.length]!, timeframe: template?.timeframe ?? '15m', chartType: 'candles', scale: 'linear', indicators: [] };
}

export function defaultWorkspace(): WorkspaceState {
  return {
    version: 1,
    layout: '1',
    panes: [{ ...defaultPane(0), indicators: [INDICATOR_DEFAULTS.volume, INDICATOR_DEFAULTS.ema] }],
    activePane: 0,
    sync: { symbol: false, timeframe: false, crosshair: true, timeRange: false },
    watchlist: DEFAULT_WATCHLIST,
  };
}

interface ChartWorkspaceState extends WorkspaceState {
  /** True once the saved workspace was loaded (autosave starts after that). */
  loaded: boolean;
  load(state: WorkspaceState): void;
  /** The profile's saved workspace at start, or null for a new profile (the defaults stay). */
  restore(saved: WorkspaceState | null): void;
  setLayout(layout: LayoutId): void;
  setActivePane(index: number): void;
  setSymbol(index: number, symbol: string): void;
  setTimeframe(index: number, timeframe: Timeframe): void;
  setChartType(index: number, chartType: ChartType): void;
  toggleScale(index: number): void;
  addIndicator(index: number, kind: IndicatorKind): void;
  updateIndicator(index: number, at: number, spec: IndicatorSpec): void;
  removeIndicator(index: number, at: number): void;
  setSync(sync: Partial<ChartSync>): void;
  setSizes(sizes: { cols: number[]; rows: number[] }): void;
  /** Adds a symbol at the end of the watchlist unless it is on it already. */
  watch(symbol: string): void;
  unwatch(symbol: string): void;
}

/** The chart workspace: layout, panes and their settings, sync, watchlist. Persisted by the core. */
export const useChartWorkspace = create<ChartWorkspaceState>()((set, get) => {
  const updatePane = (index: number, change: (pane: ChartPane) => ChartPane): void => {
    const panes = get().panes.map((p, i) => (i === index ? change(p) : p));
    set({ panes });
  };
  /** Applies a change to one pane, or to all of them when that property is synced. */
  const updateSynced = (index: number, synced: boolean, change: (pane: ChartPane) => ChartPane): void => {
    set({ panes: get().panes.map((p, i) => (synced || i === index ? change(p) : p)) });
  };
  return {
    ...defaultWorkspace(),
    loaded: false,
    load: (state) => set({ ...state, sizes: state.sizes, loaded: true }),
    restore: (saved) => (saved ? get().load(saved) : set({ loaded: true })),
    setLayout(layout) {
      const count = paneCount(layout);
      const current = get().panes;
      const panes = Array.from({ length: count }, (_, i) => current[i] ?? defaultPane(i, current[0]));
      const spec = LAYOUT_SPECS[layout];
      set({ layout, panes, activePane: Math.min(get().activePane, count - 1), sizes: { cols: Array(spec.cols).fill(1), rows: Array(spec.rows).fill(1) } });
    },
    setActivePane: (index) => set({ activePane: Math.max(0, Math.min(index, get().panes.length - 1)) }),
    setSymbol: (index, symbol) => updateSynced(index, get().sync.symbol, (p) => ({ ...p, symbol })),
    setTimeframe: (index, timeframe) => updateSynced(index, get().sync.timeframe, (p) => ({ ...p, timeframe })),
    setChartType: (index, chartType) => updatePane(index, (p) => ({ ...p, chartType })),
    toggleScale: (index) => updatePane(index, (p) => ({ ...p, scale: p.scale === 'log' ? 'linear' : 'log' })),
    addIndicator: (index, kind) => updatePane(index, (p) => (p.indicators.length >= 12 ? p : { ...p, indicators: [...p.indicators, INDICATOR_DEFAULTS[kind]] })),
    updateIndicator: (index, at, spec) => updatePane(index, (p) => ({ ...p, indicators: p.indicators.map((s, i) => (i === at ? spec : s)) })),
    removeIndicator: (index, at) => updatePane(index, (p) => ({ ...p, indicators: p.indicators.filter((_, i) => i !== at) })),
    setSync: (sync) => set({ sync: { ...get().sync, ...sync } }),
    setSizes: (sizes) => set({ sizes }),
    watch(symbol) {
      const list = get().watchlist;
      if (!list.includes(symbol)) set({ watchlist: [...list, symbol] });
    },
    unwatch: (symbol) => set({ watchlist: get().watchlist.filter((s) => s !== symbol) }),
  };
});

/** The persistable part of the store. */
export function workspaceSnapshot(s: WorkspaceState): WorkspaceState {
  return { version: 1, layout: s.layout, panes: s.panes, activePane: s.activePane, sync: s.sync, ...(s.sizes ? { sizes: s.sizes } : {}), watchlist: s.watchlist };
}

/** The active pane's symbol: what the ticket follows and the hotkeys trade. */
export const activeSymbol = (s: WorkspaceState): string | undefined => s.panes[s.activePane]?.symbol;

/** Charts a symbol in the active pane (Enter or a double click on a watchlist or blotter row). */
export function chartInActivePane(symbol: string): void {
  const ws = useChartWorkspace.getState();
  ws.setSymbol(ws.activePane, symbol);
}

/** Sets the active pane's timeframe (Alt+1…6, the palette). */
export function setActiveTimeframe(timeframe: Timeframe): void {
  const ws = useChartWorkspace.getState();
  ws.setTimeframe(ws.activePane, timeframe);
}
