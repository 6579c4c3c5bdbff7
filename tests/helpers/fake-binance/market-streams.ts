import type { WebSocket } from 'ws';
import { format } from './decimal';
import type { FakeBinanceEmitter } from './events';
import { floorOpen, isInterval } from './klines';
import type { PublicTrade } from './matching-engine';
import { wireLevels } from './order-book';
import type { Venue, VenueEvents } from './venue';
import { aggTradeEvent, bookTickerEvent, klineEvent, miniTickerEvent, tickerEvent, tradeEvent } from './wire';

type Json = Record<string, unknown>;

interface Connection {
  ws: WebSocket;
  path: string;
  /** `/stream` wraps every event as `{stream, data}`; `/ws` sends it bare. */
  combined: boolean;
  streams: Set<string>;
  /** Per kline stream, the open time of the bar last pushed (to send its close when it ends). */
  klineOpens: Map<string, number>;
}

const STREAM = /^([a-z0-9]+)@(trade|aggTrade|bookTicker|ticker|miniTicker|depth(?:5|10|20)?(?:@(?:100|1000)ms)?|kline_(\w+?)(?:@\+08:00)?)$/;
const ALL_MARKET = new Set(['!ticker@arr', '!miniTicker@arr']);

/**
 * The market data streams (`/ws`, `/ws/<name>`, `/stream?streams=…`): Binance's
 * SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS protocol and its event shapes.
 */
export class MarketStreams {
  private readonly connections = new Set<Connection>();
  private readonly lastTop = new Map<string, string>();
  private klineTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly venue: Venue,
    private readonly events: FakeBinanceEmitter,
  ) {
    venue.engine.on('print', (trade) => this.onPrint(trade));
    venue.on('depth', (update) => this.onDepth(update));
  }

  get size(): number {
    return this.connections.size;
  }

  accept(ws: WebSocket, url: URL): void {
    const combined = url.pathname.startsWith('/stream');
    const conn: Connection = { ws, path: url.pathname, combined, streams: new Set(), klineOpens: new Map() };
    // `/ws/<stream>` and `/stream?streams=a/b` subscribe on connect; ccxt's `/ws/0` names no stream and is just a socket.
    const initial = combined ? (url.searchParams.get('streams') ?? '').split('/') : [decodeURIComponent(url.pathname.slice('/ws/'.length))];
    for (const name of initial) if (name && this.valid(name)) this.add(conn, name);
    this.connections.add(conn);
    ws.on('message', (data) => this.onMessage(conn, data.toString()));
    ws.on('close', () => {
      this.connections.delete(conn);
      this.events.emit('disconnection', { kind: 'market', path: conn.path });
      this.syncKlineTimer();
    });
    ws.on('error', () => ws.terminate());
    this.events.emit('connection', { kind: 'market', path: conn.path });
  }

  sendRaw(text: string): void {
    for (const conn of this.connections) conn.ws.send(text);
  }

  terminateAll(): void {
    for (const conn of this.connections) conn.ws.terminate();
  }

  close(): void {
    if (this.klineTimer) clearInterval(this.klineTimer);
    this.klineTimer = undefined;
    this.terminateAll();
  }

  private onMessage(conn: Connection, text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      this.reply(conn, { error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }, id: null });
      return;
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      this.reply(conn, { error: { code: 3, msg: 'Invalid JSON: expected an object' }, id: null });
      return;
    }
    const { method, params, id } = request as { method?: unknown; params?: unknown; id?: unknown };
    const replyId = typeof id === 'number' || typeof id === 'string' ? id : null;
    if (method === 'LIST_SUBSCRIPTIONS') {
      this.reply(conn, { result: [...conn.streams], id: replyId });
      return;
    }
    if (method === 'SET_PROPERTY' || method === 'GET_PROPERTY') {
      this.reply(conn, { result: method === 'GET_PROPERTY' ? conn.combined : null, id: replyId });
      return;
    }
    if (method !== 'SUBSCRIBE' && method !== 'UNSUBSCRIBE') {
      this.reply(conn, { error: { code: 2, msg: `Invalid request: unknown variant \`${String(method)}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\`` }, id: replyId });
      return;
    }
    if (!Array.isArray(params) || !params.every((p): p is string => typeof p === 'string')) {
      this.reply(conn, { error: { code: 2, msg: 'Invalid request: invalid type: expected a sequence of strings' }, id: replyId });
      return;
    }
    const invalid = params.find((name) => !this.valid(name));
    if (invalid !== undefined) {
      this.reply(conn, { error: { code: 2, msg: `Invalid request: invalid stream name '${invalid}'` }, id: replyId });
      return;
    }
    for (const name of params) {
      if (method === 'SUBSCRIBE') this.add(conn, name);
      else {
        conn.streams.delete(name);
        conn.klineOpens.delete(name);
      }
    }
    this.syncKlineTimer();
    this.reply(conn, { result: null, id: replyId });
    this.events.emit(method === 'SUBSCRIBE' ? 'subscribe' : 'unsubscribe', { streams: [...params] });
  }

  private add(conn: Connection, name: string): void {
    conn.streams.add(name);
    this.syncKlineTimer();
  }

  private valid(name: string): boolean {
    if (ALL_MARKET.has(name)) return true;
    const match = STREAM.exec(name);
    if (!match) return false;
    if (!this.venue.spec(match[1]!.toUpperCase())) return false;
    return match[3] === undefined || isInterval(match[3]);
  }

  private reply(conn: Connection, message: Json): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(message));
  }

  private publish(stream: string, data: unknown): void {
    for (const conn of this.connections) {
      if (!conn.streams.has(stream) || conn.ws.readyState !== conn.ws.OPEN) continue;
      conn.ws.send(JSON.stringify(conn.combined ? { stream, data } : data));
    }
  }

  private subscribed(stream: string): boolean {
    for (const conn of this.connections) if (conn.streams.has(stream)) return true;
    return false;
  }

  private onPrint(trade: PublicTrade): void {
    const now = this.venue.clock.now();
    const lower = trade.symbol.toLowerCase();
    this.events.emit('trade', trade);
    this.publish(`${lower}@trade`, tradeEvent(trade, now));
    this.publish(`${lower}@aggTrade`, aggTradeEvent(trade, this.venue.aggId(trade), now));
    for (const conn of this.connections) {
      for (const stream of conn.streams) {
        if (stream.startsWith(`${lower}@kline_`)) this.pushKline(conn, stream, now);
      }
    }
    if (this.subscribed(`${lower}@ticker`) || this.subscribed(`${lower}@miniTicker`) || this.subscribed('!ticker@arr') || this.subscribed('!miniTicker@arr')) {
      const input = this.venue.tickerInput(trade.symbol);
      this.publish(`${lower}@ticker`, tickerEvent(input, now));
      this.publish(`${lower}@miniTicker`, miniTickerEvent(input, now));
      this.publish('!ticker@arr', [tickerEvent(input, now)]);
      this.publish('!miniTicker@arr', [miniTickerEvent(input, now)]);
    }
  }

  private onDepth(update: VenueEvents['depth'][0]): void {
    const { symbol, diff, bid, ask } = update;
    const lower = symbol.toLowerCase();
    const now = this.venue.clock.now();
    const event = { e: 'depthUpdate', E: now, s: symbol, U: diff.firstUpdateId, u: diff.finalUpdateId, b: diff.bids, a: diff.asks };
    for (const suffix of ['', '@100ms', '@1000ms']) this.publish(`${lower}@depth${suffix}`, event);
    for (const levels of [5, 10, 20]) {
      const stream = `${lower}@depth${levels}`;
      if (!this.subscribed(stream) && !this.subscribed(`${stream}@100ms`) && !this.subscribed(`${stream}@1000ms`)) continue;
      const book = this.venue.engine.book(symbol, levels);
      const partial = { lastUpdateId: diff.finalUpdateId, bids: wireLevels(book.bids), asks: wireLevels(book.asks) };
      for (const suffix of ['', '@100ms', '@1000ms']) this.publish(`${stream}${suffix}`, partial);
    }
    const top = `${format(bid.price)}|${format(bid.qty)}|${format(ask.price)}|${format(ask.qty)}`;
    if (this.lastTop.get(symbol) !== top) {
      this.lastTop.set(symbol, top);
      this.publish(`${lower}@bookTicker`, bookTickerEvent(symbol, diff.finalUpdateId, bid, ask));
    }
  }

  /** Pushes the stream's current bar, first closing the previous one (`x: true`) when a new bar began. */
  private pushKline(conn: Connection, stream: string, now: number): void {
    const match = STREAM.exec(stream);
    if (!match || match[3] === undefined) return;
    const symbol = match[1]!.toUpperCase();
    const interval = match[3];
    const open = floorOpen(interval, now);
    const previous = conn.klineOpens.get(stream);
    const tape = this.venue.engine.publicTrades(symbol);
    const lastId = tape[tape.length - 1]?.id ?? -1;
    const send = (data: unknown) => {
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(conn.combined ? { stream, data } : data));
    };
    if (previous !== undefined && previous < open) {
      const bar = this.venue.klines.bar(symbol, interval, previous);
      send(klineEvent(symbol, interval, bar, true, now, tape.find((t) => t.time >= bar.openTime)?.id ?? -1, lastId));
    }
    conn.klineOpens.set(stream, open);
    const bar = this.venue.klines.bar(symbol, interval, open);
    send(klineEvent(symbol, interval, bar, false, now, tape.find((t) => t.time >= open)?.id ?? -1, lastId));
  }

  /** Binance pushes open klines every second even without trades; only runs while someone listens. */
  private syncKlineTimer(): void {
    const any = [...this.connections].some((c) => [...c.streams].some((s) => s.includes('@kline_')));
    if (any && !this.klineTimer) {
      this.klineTimer = setInterval(() => {
        const now = this.venue.clock.now();
        for (const conn of this.connections) for (const stream of conn.streams) if (stream.includes('@kline_')) this.pushKline(conn, stream, now);
      }, 1000);
      this.klineTimer.unref();
    } else if (!any && this.klineTimer) {
      clearInterval(this.klineTimer);
      this.klineTimer = undefined;
    }
  }
}
