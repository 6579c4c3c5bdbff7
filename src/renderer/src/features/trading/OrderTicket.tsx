import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ORDER_TYPES, TIFS, type OrderType, type Tif, takesLimitPrice, takesStopPrice } from '../../../../shared/trading/order';
import { activeSymbol, useChartWorkspace } from '../charts/chart-workspace-store';
import { LiveTicketNotice } from '../accounts/LiveTicketNotice';
import { SymbolSearch } from '../charts/SymbolSearch';
import { AccountPicker } from './AccountPicker';
import { estimateFee } from './order-math';
import { PriceInput } from './PriceInput';
import { SideButtons } from './SideButtons';
import { ticketOrder, type FieldErrors } from './ticket-order';
import { useTicket, type TicketFields } from './ticket-store';
import { TicketRow } from './TicketRow';
import { confirmOrder, placeOrder } from './trading-actions';
import { formatMoney, formatQty, formatQtyShort, SIDE_LABEL, TYPE_LABEL, TYPE_SHORT } from './trading-format';
import { useSelectedAccount } from './trading-store';
import { usePricePrefill } from './use-price-prefill';
import { useTicketMarket } from './use-ticket-market';

/** Which ticket fields each request path belongs to, to clear a server error when it is edited. */
const FIELD_PATHS: Partial<Record<keyof TicketFields, readonly string[]>> = {
  symbol: ['symbol'],
  qty: ['qty'],
  notional: ['qty'],
  price: ['price'],
  stopPrice: ['stopPrice'],
  stopLoss: ['bracket', 'bracket.stopLoss'],
  takeProfit: ['bracket', 'bracket.takeProfit'],
  tif: ['tif'],
};

/** The order ticket: account, symbol, side, type, size, prices, TIF, bracket; confirm and send. */
export function OrderTicket() {
  const api = useApi();
  const t = useTicket();
  const account = useSelectedAccount();
  const chartSymbol = useChartWorkspace(activeSymbol);
  const { inst, quote, rate } = useTicketMarket(t.symbol, account?.currency);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  // The ticket follows the chart the trader is looking at.
  useEffect(() => {
    if (chartSymbol) useTicket.getState().set({ symbol: chartSymbol });
  }, [chartSymbol]);
  usePricePrefill(inst, quote !== undefined);

  const order = useMemo(() => ticketOrder(t, account?.id ?? null, inst, quote), [t, account?.id, inst, quote]);
  const errors: FieldErrors = { ...(attempted ? order.errors : {}), ...serverErrors };
  const ccy = inst?.quoteCurrency ?? '';
  const valueAcct = order.value !== undefined && rate !== undefined ? order.value * rate : undefined;
  const fee = valueAcct !== undefined && account ? estimateFee(valueAcct, account.takerFeeBps) : undefined;
  const overBp = valueAcct !== undefined && account !== undefined && valueAcct > account.buyingPower;
  const showPrice = takesLimitPrice(t.type);
  const showStop = takesStopPrice(t.type);
  const precision = inst?.pricePrecision ?? 2;
  const tick = inst?.tickSize ?? 0.01;

  const edit = (change: Partial<TicketFields>): void => {
    t.set(change);
    const cleared = Object.keys(change).flatMap((k) => FIELD_PATHS[k as keyof TicketFields] ?? []);
    if (cleared.some((p) => p in serverErrors)) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => !cleared.includes(p))));
  };
  const setType = (type: OrderType): void => edit({ type, ...(type === 'market' && t.tif === 'DAY' ? { tif: 'GTC' as Tif } : {}) });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setAttempted(true);
    setServerErrors({});
    if (!order.params) return;
    const est = valueAcct !== undefined && account ? `${formatMoney(valueAcct)} ${account.currency}` : null;
    if (!t.oneClick && !(await confirmOrder(order.params, est))) return;
    setBusy(true);
    const inlinePaths = ['symbol', 'qty', 'tif', ...(showPrice ? ['price'] : []), ...(showStop ? ['stopPrice'] : []), ...(t.bracket ? ['bracket', 'bracket.stopLoss', 'bracket.takeProfit'] : [])];
    const res = await placeOrder(api, order.params, { inlinePaths });
    setBusy(false);
    if (res.ok) setAttempted(false);
    else if (res.fields) setServerErrors(res.fields);
  };

  const err = (path: string): string | undefined => errors[path];
  // A live account's own venue goes without saying on the button (the head shows the full symbol).
  const buttonSymbol = account?.venue && t.symbol.startsWith(`${account.venue}:`) ? t.symbol.slice(account.venue.length + 1) : t.symbol;
  const units = order.units;
  const rr = order.rr;

  return (
    <section className="panel-body ticket" aria-label="Order ticket" data-testid="order-ticket">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="tk-head">
          <AccountPicker compact chip="dot" />
          <div className="tk-symbol">
            <SymbolSearch symbol={t.symbol} placeholder="Symbol" onPick={(symbol) => edit({ symbol })} />
          </div>
        </div>
        {err('symbol') ? <div className="field-error tk-head-error">{err('symbol')}</div> : null}
        {err('account') ? <div className="field-error tk-head-error">{err('account')}</div> : null}
        <LiveTicketNotice account={account} symbol={t.symbol} />

        <SideButtons side={t.side} onSide={(side) => edit({ side })} quote={quote} inst={inst} />

        <div className="seg tk-types" role="radiogroup" aria-label="Order type">
          {ORDER_TYPES.map((type) => (
            <button key={type} type="button" role="radio" aria-checked={t.type === type} className={t.type === type ? 'seg-btn active' : 'seg-btn'} onClick={() => setType(type)} title={TYPE_LABEL[type]}>
              {TYPE_LABEL[type]}
            </button>
          ))}
        </div>

        <TicketRow
          label={t.qtyMode === 'units' ? 'Quantity' : 'Amount'}
          htmlFor="tk-qty"
          error={err('qty')}
          errorId="tk-qty-error"
          aside={
            <span className="seg seg-small" role="radiogroup" aria-label="Size in">
              <button type="button" role="radio" aria-checked={t.qtyMode === 'units'} className={t.qtyMode === 'units' ? 'seg-btn active' : 'seg-btn'} onClick={() => edit({ qtyMode: 'units' })}>
                Units
              </button>
              <button type="button" role="radio" aria-checked={t.qtyMode === 'notional'} className={t.qtyMode === 'notional' ? 'seg-btn active' : 'seg-btn'} onClick={() => edit({ qtyMode: 'notional' })} title={`Size by value in ${ccy || 'the quote currency'}`}>
                {ccy || 'Value'}
              </button>
            </span>
          }
        >
          <input
            id="tk-qty"
            className="field num"
            inputMode="decimal"
            aria-label={t.qtyMode === 'units' ? 'Quantity' : `Amount in ${ccy}`}
            aria-invalid={!!err('qty')}
            aria-describedby={err('qty') ? 'tk-qty-error' : t.qtyMode === 'notional' ? 'tk-qty-hint' : undefined}
            title={inst ? `Lot step ${formatQtyShort(inst.lotStep, inst)}, minimum ${formatQtyShort(inst.minQty, inst)}` : undefined}
            value={t.qtyMode === 'units' ? t.qty : t.notional}
            onChange={(e) => edit(t.qtyMode === 'units' ? { qty: e.target.value } : { notional: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        </TicketRow>
        {t.qtyMode === 'notional' ? (
          <div className="tk-hint num" id="tk-qty-hint" data-testid="ticket-units">
            = {units !== undefined ? formatQty(units, inst) : '—'} {inst?.symbol ?? ''} (rounded down to the lot {inst ? formatQtyShort(inst.lotStep, inst) : '—'})
          </div>
        ) : null}

        {showStop ? (
          <TicketRow label="Stop" htmlFor="tk-stop" error={err('stopPrice')} errorId="tk-stop-error">
            <PriceInput id="tk-stop" label="Stop price" value={t.stopPrice} onChange={(stopPrice) => edit({ stopPrice })} tickSize={tick} precision={precision} fallback={quote?.last} invalid={!!err('stopPrice')} describedBy="tk-stop-error" />
          </TicketRow>
        ) : null}
        {showPrice ? (
          <TicketRow label="Limit" htmlFor="tk-price" error={err('price')} errorId="tk-price-error">
            <PriceInput id="tk-price" label="Limit price" value={t.price} onChange={(price) => edit({ price })} tickSize={tick} precision={precision} fallback={quote?.last} invalid={!!err('price')} describedBy="tk-price-error" />
          </TicketRow>
        ) : null}

        <TicketRow label="TIF" htmlFor="tk-tif" error={err('tif')}>
          <select id="tk-tif" className="select field" aria-label="Time in force" value={t.tif} onChange={(e) => edit({ tif: e.target.value as Tif })}>
            {TIFS.map((tif) => (
              <option key={tif} value={tif} disabled={tif === 'DAY' && t.type === 'market'}>
                {tif}
              </option>
            ))}
          </select>
          <label className="check tk-bracket-toggle">
            <input type="checkbox" checked={t.bracket} onChange={(e) => edit({ bracket: e.target.checked })} />
            SL / TP
          </label>
        </TicketRow>

        {t.bracket ? (
          <div className="tk-bracket">
            <div className="tk-bracket-fields">
              <div className={err('bracket.stopLoss') ?? err('bracket') ? 'tk-stack has-error' : 'tk-stack'}>
                <label className="tk-label" htmlFor="tk-sl">
                  Stop loss
                </label>
                <PriceInput id="tk-sl" label="Stop loss" value={t.stopLoss} onChange={(stopLoss) => edit({ stopLoss })} tickSize={tick} precision={precision} fallback={order.refPrice} invalid={!!(err('bracket.stopLoss') ?? err('bracket'))} />
              </div>
              <div className="tk-stack">
                <label className="tk-label" htmlFor="tk-tp">
                  Take profit
                </label>
                <PriceInput id="tk-tp" label="Take profit" value={t.takeProfit} onChange={(takeProfit) => edit({ takeProfit })} tickSize={tick} precision={precision} fallback={order.refPrice} invalid={!!err('bracket.takeProfit')} />
              </div>
            </div>
            {(err('bracket.stopLoss') ?? err('bracket') ?? err('bracket.takeProfit')) ? (
              <div className="field-error" role="alert">
                {err('bracket.stopLoss') ?? err('bracket') ?? err('bracket.takeProfit')}
              </div>
            ) : null}
            <div className="tk-rr num" data-testid="ticket-rr">
              <span>
                <b>Risk</b>
                <span className="down">{rr.risk !== null && units ? formatMoney(rr.risk * units * (rate ?? 1)) : '—'}</span>
              </span>
              <span>
                <b>Reward</b>
                <span className="up">{rr.reward !== null && units ? formatMoney(rr.reward * units * (rate ?? 1)) : '—'}</span>
              </span>
              <span>
                <b>R:R</b>
                {rr.ratio !== null ? `1 : ${rr.ratio.toFixed(2)}` : '—'}
              </span>
            </div>
          </div>
        ) : null}

        <dl className="tk-summary num">
          <div>
            <dt>Buying power</dt>
            <dd data-testid="ticket-buying-power">{account ? `${formatMoney(account.buyingPower)} ${account.currency}` : '—'}</dd>
          </div>
          <div>
            <dt>Est. value</dt>
            <dd className={overBp ? 'down' : undefined} data-testid="ticket-value">
              {valueAcct !== undefined && account ? `${formatMoney(valueAcct)} ${account.currency}` : order.value !== undefined ? `${formatMoney(order.value)} ${ccy}` : '—'}
            </dd>
          </div>
          <div>
            <dt>Est. fee{account ? ` (${account.takerFeeBps} bps)` : ''}</dt>
            <dd data-testid="ticket-fee">{fee !== undefined && account ? `${formatMoney(fee)} ${account.currency}` : '—'}</dd>
          </div>
        </dl>

        <button type="submit" className={`tk-submit ${t.side}`} disabled={busy} data-testid="ticket-submit">
          {busy ? 'Sending…' : `${SIDE_LABEL[t.side]} ${units ? formatQtyShort(units, inst) : ''} ${buttonSymbol} ${TYPE_SHORT[t.type]}${t.type === 'limit' && t.price ? ` @ ${t.price}` : ''}`}
        </button>
        <label className="check tk-oneclick">
          <input type="checkbox" checked={t.oneClick} onChange={(e) => t.set({ oneClick: e.target.checked })} />
          One-click trading <span className="dim">(no confirmation)</span>
        </label>
      </form>
    </section>
  );
}
