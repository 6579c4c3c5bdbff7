import type { ServerClock } from './clock';
import { type Amount, floorTo, fromNumber, max, min, mul, ZERO } from './decimal';
import type { PublicTrade } from './matching-engine';
import { hash01, seedOf } from './random';
import type { SymbolSpec } from './symbols';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Binance's kline intervals: a fixed length (with the week starting on Monday), or a calendar month. */
const INTERVALS: Readonly<Record<string, { ms: number; offset?: number } | 'month'>> = {
  '1s': { ms: SECOND },
  '1m': { ms: MINUTE },
  '3m': { ms: 3 * MINUTE },
  '5m': { ms: 5 * MINUTE },
  '15m': { ms: 15 * MINUTE },
  '30m': { ms: 30 * MINUTE },
  '1h': { ms: HOUR },
  '2h': { ms: 2 * HOUR },
  '4h': { ms: 4 * HOUR },
  '6h': { ms: 6 * HOUR },
  '8h': { ms: 8 * HOUR },
  '12h': { ms: 12 * HOUR },
  '1d': { ms: DAY },
  '3d': { ms: 3 * DAY },
  // 1970-01-05 was a Monday; Binance's weekly bars open on Mondays 00:00 UTC.
  '1w': { ms: 7 * DAY, offset: 4 * DAY },
  '1M': 'month',
};

export function isInterval(text: string): boolean {
  return Object.hasOwn(INTERVALS, text);
}

export function floorOpen(interval: string, t: number): number {
  const spec = INTERVALS[interval]!;
  if (spec === 'month') {
    const date = new Date(t);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  const offset = spec.offset ?? 0;
  return Math.floor((t - offset) / spec.ms) * spec.ms + offset;
}

export function nextOpen(interval: string, open: number): number {
  const spec = INTERVALS[interval]!;
  if (spec === 'month') {
    const date = new Date(open);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return open + spec.ms;
}

function previousOpen(interval: string, open: number): number {
  return floorOpen(interval, open - 1);
}

function ceilOpen(interval: string, t: number): number {
  const open = floorOpen(interval, t);
  return open === t ? open : nextOpen(interval, open);
}

/** One kline, in amounts; the REST and stream layers print it. */
export interface Bar {
  openTime: number;
  closeTime: number;
  open: Amount;
  high: Amount;
  low: Amount;
  close: Amount;
  volume: Amount;
  quoteVolume: Amount;
  trades: number;
  takerBuyBase: Amount;
  takerBuyQuote: Amount;
}

type Piece = Omit<Bar, 'openTime' | 'closeTime'>;

function combine(pieces: readonly Piece[]): Piece | undefined {
  const first = pieces[0];
  if (!first) return undefined;
  const out: Piece = { ...first };
  for (const p of pieces.slice(1)) {
    out.high = max(out.high, p.high);
    out.low = min(out.low, p.low);
    out.close = p.close;
    out.volume += p.volume;
    out.quoteVolume += p.quoteVolume;
    out.trades += p.trades;
    out.takerBuyBase += p.takerBuyBase;
    out.takerBuyQuote += p.takerBuyQuote;
  }
  return out;
}

function flat(price: Amount): Piece {
  return { open: price, high: price, low: price, close: price, volume: ZERO, quoteVolume: ZERO, trades: 0, takerBuyBase: ZERO, takerBuyQuote: ZERO };
}

/** Octave periods of the history walk, each four times the last: 15 s up to half a year. */
const PERIODS = Array.from({ length: 11 }, (_, k) => 15 * SECOND * 4 ** k);

/**
 * The price history before the server started: a sum of value-noise octaves whose amplitudes
 * grow with the square root of their period (a random walk's scaling), as a pure function of
 * time — any bar can be computed alone, and the same request always gets the same bars.
 */
class HistoryModel {
  private readonly seed: number;
  private readonly amplitudes: number[];

  constructor(
    private readonly spec: SymbolSpec,
    private readonly scale: number,
  ) {
    this.seed = seedOf(spec.symbol);
    this.amplitudes = PERIODS.map((p) => spec.dailyVolatility * Math.sqrt(p / DAY) * 0.55);
  }

  priceAt(t: number): number {
    let offset = 0;
    for (let k = 0; k < PERIODS.length; k++) {
      const x = t / PERIODS[k]!;
      const i = Math.floor(x);
      const f = x - i;
      const smooth = f * f * (3 - 2 * f);
      const a = hash01(this.seed, k, i) * 2 - 1;
      const b = hash01(this.seed, k, i + 1) * 2 - 1;
      offset += this.amplitudes[k]! * (a + (b - a) * smooth);
    }
    return this.spec.basePrice * this.scale * Math.exp(offset);
  }

  /** A bar over [a, b): open/close on the walk, a midpoint, and a wick sized to the unresolved scale. */
  segment(a: number, b: number): Piece {
    const { spec } = this;
    const open = this.priceAt(a);
    const close = this.priceAt(b);
    const mid = this.priceAt((a + b) / 2);
    const index = Math.floor(a / SECOND);
    const wick = spec.dailyVolatility * Math.sqrt((b - a) / DAY) * 0.8;
    const high = Math.max(open, close, mid) * (1 + wick * hash01(this.seed, 101, index));
    const low = Math.min(open, close, mid) * (1 - wick * hash01(this.seed, 102, index));
    const minutes = (b - a) / MINUTE;
    const activity = (0.35 + 1.3 * hash01(this.seed, 103, index)) * (1 + 40 * Math.abs(close - open) / open);
    const volume = floorTo(fromNumber(spec.volumePerMinute * minutes * activity), spec.stepSize);
    const vwap = (open + close + high + low) / 4;
    const buyShare = close >= open ? 0.55 + 0.15 * hash01(this.seed, 104, index) : 0.3 + 0.15 * hash01(this.seed, 104, index);
    const takerBuyBase = floorTo(fromNumber((Number(volume) / 1e8) * buyShare), spec.stepSize);
    const [o, c] = [fromNumber(open, spec.tickSize), fromNumber(close, spec.tickSize)];
    const typicalTrade = (Number(spec.defaultTradeQty) / 1e8) * 3;
    return {
      open: o,
      close: c,
      high: max(max(o, c), fromNumber(high, spec.tickSize)),
      low: min(min(o, c), fromNumber(low, spec.tickSize)),
      volume,
      quoteVolume: mul(volume, fromNumber(vwap)),
      trades: Math.max(1, Math.round(Number(volume) / 1e8 / typicalTrade)),
      takerBuyBase,
      takerBuyQuote: mul(takerBuyBase, fromNumber(vwap)),
    };
  }

  /**
   * Up to 4h per bar, bars are exact sums of minute bars (so 5m/1h/4h agree with 1m); longer bars
   * use 96 segments each, which keeps a 1000-day request fast.
   */
  piece(a: number, b: number, intervalMs: number): Piece | undefined {
    const parts: Piece[] = [];
    if (intervalMs < MINUTE) {
      for (let t = a; t < b; t += SECOND) parts.push(this.segment(t, t + SECOND));
    } else if (intervalMs <= 4 * HOUR) {
      for (let t = a; t < b; t += MINUTE) parts.push(this.segment(t, Math.min(t + MINUTE, b)));
    } else {
      const step = Math.max(MINUTE, Math.floor((b - a) / 96 / MINUTE) * MINUTE);
      for (let t = a; t < b; t += step) parts.push(this.segment(t, Math.min(t + step, b)));
    }
    return combine(parts);
  }
}

interface Bucket extends Piece {
  time: number;
}

export interface RollingStats {
  open: Amount;
  high: Amount;
  low: Amount;
  volume: Amount;
  quoteVolume: Amount;
  trades: number;
  openTime: number;
}

/**
 * Klines per symbol: the history model up to the minute the server started, then the live
 * prints (bucketed per second) from there on, so the current bar reflects what tests trade.
 */
export class KlineStore {
  private readonly models = new Map<string, HistoryModel>();
  private readonly live = new Map<string, Bucket[]>();
  private readonly starts = new Map<string, Amount>();
  private readonly rollingCache = new Map<string, { minute: number; history: Piece | undefined }>();
  /** Where history ends and live trading starts (a minute boundary). */
  readonly liveFrom: number;

  constructor(
    private readonly specs: readonly SymbolSpec[],
    private readonly clock: ServerClock,
    startPrices: Readonly<Record<string, number>> = {},
  ) {
    this.liveFrom = Math.floor(clock.now() / MINUTE) * MINUTE;
    for (const spec of specs) {
      const unscaled = new HistoryModel(spec, 1).priceAt(this.liveFrom);
      const wanted = startPrices[spec.symbol];
      // A requested start price rescales the whole history so it still ends where trading begins.
      const model = new HistoryModel(spec, wanted === undefined ? 1 : wanted / unscaled);
      this.models.set(spec.symbol, model);
      this.starts.set(spec.symbol, fromNumber(model.priceAt(this.liveFrom), spec.tickSize));
      this.live.set(spec.symbol, []);
    }
  }

  startPrice(symbol: string): Amount {
    return this.starts.get(symbol)!;
  }

  record(trade: PublicTrade): void {
    const buckets = this.live.get(trade.symbol);
    if (!buckets) return;
    const quote = mul(trade.price, trade.qty);
    const takerBuys = !trade.buyerIsMaker;
    const time = Math.floor(trade.time / SECOND) * SECOND;
    const last = buckets[buckets.length - 1];
    // A clock skewed backwards must not reorder the buckets: late prints join the last one.
    if (last && last.time >= time) {
      last.high = max(last.high, trade.price);
      last.low = min(last.low, trade.price);
      last.close = trade.price;
      last.volume += trade.qty;
      last.quoteVolume += quote;
      last.trades += 1;
      if (takerBuys) {
        last.takerBuyBase += trade.qty;
        last.takerBuyQuote += quote;
      }
      return;
    }
    buckets.push({
      time: Math.max(time, this.liveFrom),
      open: trade.price,
      high: trade.price,
      low: trade.price,
      close: trade.price,
      volume: trade.qty,
      quoteVolume: quote,
      trades: 1,
      takerBuyBase: takerBuys ? trade.qty : ZERO,
      takerBuyQuote: takerBuys ? quote : ZERO,
    });
  }

  /** /api/v3/klines: Binance's window rules (startTime forward, else back from endTime or now), bars since listing only. */
  klines(symbol: string, interval: string, query: { startTime?: number | undefined; endTime?: number | undefined; limit: number }): Bar[] {
    const spec = this.specs.find((s) => s.symbol === symbol)!;
    const now = this.clock.now();
    const firstOpen = ceilOpen(interval, spec.listedAt);
    const lastOpen = floorOpen(interval, Math.min(now, query.endTime ?? now));
    const opens: number[] = [];
    if (query.startTime !== undefined) {
      for (let open = Math.max(firstOpen, ceilOpen(interval, query.startTime)); open <= lastOpen && opens.length < query.limit; open = nextOpen(interval, open)) opens.push(open);
    } else {
      for (let open = lastOpen; open >= firstOpen && opens.length < query.limit; open = previousOpen(interval, open)) opens.push(open);
      opens.reverse();
    }
    return opens.map((open) => this.bar(symbol, interval, open));
  }

  /** The bar open now (what a kline stream pushes). */
  currentBar(symbol: string, interval: string): Bar {
    return this.bar(symbol, interval, floorOpen(interval, this.clock.now()));
  }

  bar(symbol: string, interval: string, open: number): Bar {
    const close = nextOpen(interval, open);
    const intervalMs = close - open;
    const pieces: Piece[] = [];
    if (open < this.liveFrom) {
      const history = this.models.get(symbol)!.piece(open, Math.min(close, this.liveFrom), intervalMs);
      if (history) pieces.push(history);
    }
    if (close > this.liveFrom) pieces.push(this.livePiece(symbol, Math.max(open, this.liveFrom), close));
    const bar = combine(pieces)!;
    return { openTime: open, closeTime: close - 1, ...bar };
  }

  /** Rolling 24h statistics for the ticker endpoints and streams. */
  rolling24h(symbol: string): RollingStats {
    const now = this.clock.now();
    const from = now - DAY;
    const minute = Math.floor(from / MINUTE) * MINUTE;
    let cached = this.rollingCache.get(symbol);
    if (!cached || cached.minute !== minute) {
      const model = this.models.get(symbol)!;
      cached = { minute, history: minute < this.liveFrom ? model.piece(minute, this.liveFrom, MINUTE) : undefined };
      this.rollingCache.set(symbol, cached);
    }
    const pieces = [cached.history, this.livePiece(symbol, Math.max(minute, this.liveFrom), now + 1)].filter((p): p is Piece => p !== undefined);
    const stats = combine(pieces)!;
    return { open: stats.open, high: stats.high, low: stats.low, volume: stats.volume, quoteVolume: stats.quoteVolume, trades: stats.trades, openTime: minute };
  }

  private livePiece(symbol: string, a: number, b: number): Piece {
    const buckets = this.live.get(symbol)!;
    let lo = 0;
    let hi = buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (buckets[mid]!.time < a) lo = mid + 1;
      else hi = mid;
    }
    const carry = lo > 0 ? buckets[lo - 1]!.close : this.starts.get(symbol)!;
    const inside: Piece[] = [];
    for (let i = lo; i < buckets.length && buckets[i]!.time < b; i++) inside.push(buckets[i]!);
    // No trades: Binance still prints the bar, flat at the previous close, with zero volume.
    return combine(inside) ?? flat(carry);
  }
}
