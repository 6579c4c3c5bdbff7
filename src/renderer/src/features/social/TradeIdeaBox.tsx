import type { TradeIdea } from '../../../../shared/social/social-types';
import { chartInActivePane } from '../charts/chart-workspace-store';
import { useInstruments } from '../market/instruments-store';
import { SymbolLabel } from '../market/SymbolLabel';
import { formatPriceOf } from '../trading/trading-format';
import { ideaRatio } from './trade-idea';

/** A post's trade idea: symbol, side, entry / stop / target with the reward-to-risk ratio, timeframe. */
export function TradeIdeaBox({ idea }: { idea: TradeIdea }) {
  const inst = useInstruments((s) => s.bySymbol.get(idea.symbol));
  const ratio = ideaRatio(idea);
  const long = idea.side === 'long';
  return (
    <div className={`idea idea-${idea.side}`} role="group" aria-label={`Trade idea: ${idea.side} ${idea.symbol}`} data-testid="trade-idea">
      <div className="idea-head">
        {inst ? (
          <button type="button" className="link idea-symbol" onClick={() => chartInActivePane(idea.symbol)} title={`Chart ${idea.symbol} in the active pane`}>
            <SymbolLabel symbol={idea.symbol} />
          </button>
        ) : (
          <span className="idea-symbol">{idea.symbol}</span>
        )}
        <span className={`idea-side ${long ? 'up' : 'down'}`}>{long ? '▲ Long' : '▼ Short'}</span>
        <span className="idea-tf mono">{idea.timeframe}</span>
        <span className="idea-rr num" title="Reward to risk: (target − entry) ÷ (entry − stop)">
          R:R {ratio === null ? '—' : `1 : ${ratio.toFixed(2)}`}
        </span>
      </div>
      <dl className="idea-levels num">
        <div>
          <dt>Entry</dt>
          <dd>{formatPriceOf(idea.entry, inst)}</dd>
        </div>
        <div>
          <dt>Stop</dt>
          <dd className="down">{formatPriceOf(idea.stop, inst)}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd className="up">{formatPriceOf(idea.target, inst)}</dd>
        </div>
      </dl>
    </div>
  );
}
