import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { LAYOUTS, type LayoutId } from '../../../../shared/workspace/workspace-schema';
import { ChartGrid } from './ChartGrid';
import { LAYOUT_SPECS, paneCount } from './layouts';
import { TIMEFRAME_HOTKEYS } from './timeframe-hotkeys';
import { setActiveTimeframe, useChartWorkspace } from './chart-workspace-store';
import { downloadWorkspace, importWorkspaceFile, loadWorkspace, saveWorkspaceAs } from './workspace-actions';

export function ChartsPanel() {
  const api = useApi();
  const layout = useChartWorkspace((s) => s.layout);
  const sync = useChartWorkspace((s) => s.sync);
  const [saved, setSaved] = useState<Array<{ name: string; savedAt: string }> | null>(null);
  const [naming, setNaming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const hit = TIMEFRAME_HOTKEYS.find(([key]) => e.code === `Digit${key}`);
      if (!hit) return;
      e.preventDefault();
      setActiveTimeframe(hit[1]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openLoadMenu = (): void => {
    if (saved) return setSaved(null);
    api.call('workspace.list').then(setSaved, () => setSaved([]));
  };

  return (
    <section className="charts-panel" aria-label="Charts">
      <div className="charts-toolbar" role="toolbar" aria-label="Chart layout">
        <div className="tf-group" role="group" aria-label="Layout">
          {LAYOUTS.map((l) => (
            <button key={l} type="button" className={l === layout ? 'tf active' : 'tf'} aria-pressed={l === layout} title={`${l} chart${l === '1' ? '' : 's'}`} onClick={() => useChartWorkspace.getState().setLayout(l)}>
              <LayoutIcon layout={l} />
            </button>
          ))}
        </div>
        <span className="toolbar-sep" />
        <span className="toolbar-label">Sync</span>
        {(['symbol', 'timeframe', 'crosshair', 'timeRange'] as const).map((k) => (
          <label key={k} className="check">
            <input type="checkbox" aria-label={`Sync ${k === 'timeRange' ? 'time range' : k}`} checked={sync[k]} onChange={(e) => useChartWorkspace.getState().setSync({ [k]: e.target.checked })} />
            {k === 'timeRange' ? 'time' : k}
          </label>
        ))}
        <span className="toolbar-spacer" />
        <div className="pane-menu-anchor">
          <button type="button" className="tf" aria-expanded={naming} onClick={() => setNaming((n) => !n)}>
            Save as…
          </button>
          {naming ? (
            <form
              className="popover save-as"
              aria-label="Save workspace as"
              onSubmit={(e) => {
                e.preventDefault();
                const name = new FormData(e.currentTarget).get('name');
                if (typeof name === 'string' && name.trim()) void saveWorkspaceAs(api, name.trim()).then(() => setNaming(false));
              }}
            >
              <input name="name" className="text-input" aria-label="Workspace name" placeholder="Workspace name" maxLength={64} autoFocus onKeyDown={(e) => e.key === 'Escape' && setNaming(false)} />
              <button type="submit" className="button">
                Save
              </button>
            </form>
          ) : null}
        </div>
        <div className="pane-menu-anchor">
          <button type="button" className="tf" aria-expanded={saved !== null} onClick={openLoadMenu}>
            Load ▾
          </button>
          {saved ? (
            <ul className="popover menu-list" role="menu" aria-label="Saved workspaces">
              {saved.length === 0 ? <li className="hint">No saved workspaces</li> : null}
              {saved.map((w) => (
                <li key={w.name} role="menuitem" tabIndex={0} onClick={() => void loadWorkspace(api, w.name).then(() => setSaved(null))} onKeyDown={(e) => e.key === 'Enter' && void loadWorkspace(api, w.name).then(() => setSaved(null))}>
                  {w.name} <span className="dim">{w.savedAt.slice(0, 16).replace('T', ' ')}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="button" className="tf" onClick={downloadWorkspace}>
          Export
        </button>
        <button type="button" className="tf" onClick={() => fileInput.current?.click()}>
          Import
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="workspace-import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importWorkspaceFile(file);
          }}
        />
      </div>
      <ChartGrid />
    </section>
  );
}

function LayoutIcon({ layout }: { layout: LayoutId }) {
  const n = paneCount(layout);
  const { cols, rows } = LAYOUT_SPECS[layout];
  const cells = [];
  for (let i = 0; i < (n === 3 ? 4 : n); i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    if (n === 3 && i === 2) continue; // the large left pane spans both rows
    cells.push(<rect key={i} x={1 + (c * 14) / cols} y={1 + (r * 10) / rows} width={14 / cols - 1} height={(n === 3 && i === 0 ? 20 : 10) / rows - 1} rx="0.5" />);
  }
  return (
    <svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true" className="layout-icon">
      {cells}
    </svg>
  );
}
