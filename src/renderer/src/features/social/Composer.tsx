import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market/timeframes';
import { SOCIAL_LIMITS } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { SymbolSearch } from '../charts/SymbolSearch';
import { parseNumber } from '../trading/order-math';
import { attachActiveChart, flipIdeaSide, startIdea, submitPost } from './composer-actions';
import { useComposer } from './composer-store';
import { CameraIcon } from './icons';
import { ideaRatio } from './trade-idea';
import type { IdeaFields } from './trade-idea';

function Level({ id, label, field }: { id: string; label: string; field: 'entry' | 'stop' | 'target' }) {
  const value = useComposer((s) => s.idea[field]);
  const error = useComposer((s) => s.errors[`idea.${field}`]);
  return (
    <div className="idea-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="field num" inputMode="decimal" value={value} onChange={(e) => useComposer.getState().setIdea({ [field]: e.target.value })} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} />
      <FieldError id={`${id}-error`} text={error} />
    </div>
  );
}

const liveRatio = (i: IdeaFields): number | null => {
  const [entry, stop, target] = [parseNumber(i.entry), parseNumber(i.stop), parseNumber(i.target)];
  return entry && stop && target ? ideaRatio({ side: i.side, entry, stop, target }) : null;
};

/**
 * Writes a post: up to 2,000 characters, an optional trade idea (filled from the active chart,
 * levels checked like the hub checks them) and an optional snapshot of the active chart.
 * Ctrl/Cmd+Enter posts.
 */
export function Composer() {
  const api = useApi();
  const c = useComposer();
  const over = c.text.length > SOCIAL_LIMITS.postChars;
  const ratio = c.ideaOn ? liveRatio(c.idea) : null;
  const text = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (c.focusRequest > 0) text.current?.focus();
  }, [c.focusRequest]);

  return (
    <form
      className={c.expanded ? 'composer expanded' : 'composer'}
      aria-label="Write a post"
      data-testid="composer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submitPost(api);
      }}
    >
      <textarea
        ref={text}
        className="field composer-text"
        placeholder="Share a trade, an idea, a chart… $BTC @name"
        aria-label="Post text"
        rows={c.expanded ? 3 : 1}
        value={c.text}
        onFocus={() => c.set({ expanded: true })}
        onChange={(e) => c.set({ text: e.target.value, errors: Object.fromEntries(Object.entries(c.errors).filter(([k]) => k !== 'text')) })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submitPost(api);
          } else if (e.key === 'Escape' && !c.text) {
            c.set({ expanded: false });
            e.currentTarget.blur();
          }
        }}
        aria-invalid={!!c.errors.text || over}
      />
      <FieldError text={c.errors.text} />
      {c.expanded ? (
        <div className="composer-actions">
          <button type="button" className={c.ideaOn ? 'tf active' : 'tf'} aria-pressed={c.ideaOn} onClick={() => (c.ideaOn ? c.set({ ideaOn: false }) : startIdea())} title="Attach a trade idea (entry, stop, target) from the active chart">
            + Idea
          </button>
          <button type="button" className={c.image ? 'tf active' : 'tf'} onClick={attachActiveChart} title={c.image ? 'Take the snapshot again' : 'Attach a snapshot of the active chart pane'}>
            <CameraIcon /> {c.image ? 'Retake' : 'Attach chart'}
          </button>
          {c.image ? (
            <span className="composer-image">
              <img src={c.image} alt="Attached chart" data-testid="composer-image" />
              <button type="button" className="composer-image-remove" aria-label="Remove the attached chart" onClick={() => c.set({ image: null })}>
                ×
              </button>
            </span>
          ) : null}
          <span className="toolbar-spacer" />
          <span className={over ? 'composer-count num down' : 'composer-count num'} aria-live="polite" data-testid="composer-count">
            {c.text.length.toLocaleString('en-US')}/{SOCIAL_LIMITS.postChars.toLocaleString('en-US')}
          </span>
          <button type="submit" className="button button-small button-primary" disabled={c.busy} title="Post (Ctrl+Enter)">
            {c.busy ? 'Posting…' : 'Post'}
          </button>
        </div>
      ) : null}
      {c.expanded && c.ideaOn ? (
        <fieldset className="idea-form" aria-label="Trade idea">
          <div className="idea-field idea-symbol-field">
            <span className="idea-label">Symbol</span>
            <SymbolSearch symbol={c.idea.symbol} onPick={(symbol) => c.setIdea({ symbol })} placeholder="Idea symbol" />
            <FieldError text={c.errors['idea.symbol']} />
          </div>
          <div className="idea-field">
            <span className="idea-label">Side</span>
            <span className="seg seg-small" role="radiogroup" aria-label="Idea side">
              {(['long', 'short'] as const).map((side) => (
                <button key={side} type="button" role="radio" aria-checked={c.idea.side === side} className={c.idea.side === side ? `seg-btn active side-${side === 'long' ? 'buy' : 'sell'}` : 'seg-btn'} onClick={() => flipIdeaSide(side)}>
                  {side === 'long' ? 'Long' : 'Short'}
                </button>
              ))}
            </span>
          </div>
          <Level id="idea-entry" label="Entry" field="entry" />
          <Level id="idea-stop" label="Stop" field="stop" />
          <Level id="idea-target" label="Target" field="target" />
          <div className="idea-field">
            <label htmlFor="idea-tf">Timeframe</label>
            <select id="idea-tf" className="select" value={c.idea.timeframe} onChange={(e) => c.setIdea({ timeframe: e.target.value as Timeframe })}>
              {TIMEFRAMES.map((tf) => (
                <option key={tf}>{tf}</option>
              ))}
            </select>
          </div>
          <div className="idea-field idea-rr-field">
            <span className="idea-label">R:R</span>
            <span className="num" data-testid="composer-rr">
              {ratio === null ? '—' : `1 : ${ratio.toFixed(2)}`}
            </span>
          </div>
        </fieldset>
      ) : null}
      <FieldError text={c.failure ?? undefined} />
    </form>
  );
}
