import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { ServerClock } from './clock';
import { type Amount, fromNumber, toNumber } from './decimal';
import { BinanceError, errors } from './errors';
import { FakeBinanceEmitter, type RequestLogEntry } from './events';
import { MarketStreams } from './market-streams';
import { type Order, type OrderStatus, toAmounts } from './matching-engine';
import { requiresTrading, routes } from './rest-routes';
import { failureResponse, type FailureSpec, type RequestMatcher, Scenarios } from './scenarios';
import { checkApiKey, restSignedPayload, verifySigned } from './signing';
import { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols';
import { Ticker } from './ticking';
import { UserStreams } from './user-stream';
import { Venue } from './venue';

export interface FakeBinanceOptions {
  apiKey?: string;
  secret?: string;
  /** false: a read-only key (account reads work, orders get -2015). */
  canTrade?: boolean;
  /** Start balances; defaults to 10000 USDT, 0.5 BTC, 5 ETH. */
  balances?: Readonly<Record<string, number | string>>;
  /** Start prices per symbol (history is rescaled to end there); by default the history model decides. */
  prices?: Readonly<Record<string, number>>;
  /** Seeds generated client order ids and the ticker's walk. */
  seed?: number;
  symbols?: readonly SymbolSpec[];
}

/** An order as tests read it: numbers instead of wire strings. */
export interface OrderView {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: 'BUY' | 'SELL';
  type: string;
  timeInForce: string;
  status: OrderStatus;
  price: number;
  origQty: number;
  executedQty: number;
  cummulativeQuoteQty: number;
  time: number;
  updateTime: number;
}

export interface TradeView {
  symbol: string;
  id: number;
  orderId: number;
  price: number;
  qty: number;
  quoteQty: number;
  commission: number;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

export interface FakeBinance {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly apiKey: string;
  readonly secret: string;
  /** Every REST call, in arrival order. */
  readonly requests: readonly RequestLogEntry[];
  readonly events: FakeBinanceEmitter;

  /** Someone else trades at `price`: fills crossing resting orders (at most `qty` of them when given), moves the book, pushes stream events. */
  trade(symbol: string, price: number, qty?: number): void;
  startTicking(intervalMs: number): void;
  stopTicking(): void;
  price(symbol: string): number;
  orders(symbol?: string): OrderView[];
  trades(symbol?: string): TradeView[];
  balances(): Record<string, { free: number; locked: number }>;
  /** A deposit (or, negative, a withdrawal): moves the balance and pushes `balanceUpdate`. */
  deposit(asset: string, amount: number): void;

  failNext(matcher: RequestMatcher, failure: FailureSpec, times?: number): void;
  dropResponseOfNext(matcher: RequestMatcher, times?: number): void;
  dropStreams(): void;
  /** Drops every open connection and refuses new ones (REST and streams) for `ms`; 0 ends it. */
  refuseConnections(ms: number): void;
  sendRaw(text: string, to?: 'market' | 'user' | 'all'): void;
  setClockSkew(ms: number): void;
  serverTime(): number;
  /** Open WebSocket connections by kind. */
  connections(): { market: number; user: number };

  close(): Promise<void>;
}

const DEFAULT_BALANCES = { USDT: 10_000, BTC: 0.5, ETH: 5 };

function orderView(o: Order): OrderView {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    status: o.status,
    price: toNumber(o.price),
    origQty: toNumber(o.origQty),
    executedQty: toNumber(o.executedQty),
    cummulativeQuoteQty: toNumber(o.cummulativeQuoteQty),
    time: o.time,
    updateTime: o.updateTime,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * One HTTP server on an ephemeral 127.0.0.1 port serving Binance's spot REST API, its market
 * streams (`/ws`, `/stream`) and the WebSocket API user data stream (`/ws-api/v3`).
 */
export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const apiKey = options.apiKey ?? randomBytes(32).toString('hex');
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const seed = options.seed ?? 42;
  const clock = new ServerClock();
  const events = new FakeBinanceEmitter();
  events.setMaxListeners(100);
  const scenarios = new Scenarios();
  const requests: RequestLogEntry[] = [];
  const venue = new Venue(options.symbols ?? DEFAULT_SYMBOLS, clock, { apiKey, secret, canTrade: options.canTrade ?? true }, {
    startPrices: options.prices,
    balances: toAmounts(options.balances ?? DEFAULT_BALANCES),
    seed,
  });
  const { engine } = venue;
  engine.on('execution', (x) => events.emit('execution', x));
  const market = new MarketStreams(venue, events);
  const user = new UserStreams(venue, events);
  const ticker = new Ticker(engine, seed);
  const recentWeights: number[] = [];

  const log = (entry: Omit<RequestLogEntry, 'time'>) => {
    const full = { ...entry, time: Date.now() };
    requests.push(full);
    events.emit('request', full);
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    const now = Date.now();
    recentWeights.push(now);
    while (recentWeights.length > 0 && recentWeights[0]! < now - 60_000) recentWeights.shift();
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'x-mbx-used-weight': String(recentWeights.length), 'x-mbx-used-weight-1m': String(recentWeights.length), ...headers });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : '';
    // Binance reads both; a parameter in the query string wins over the same one in the body.
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(rawBody)) if (!(k in params)) params[k] = v;
    for (const [k, v] of url.searchParams) params[k] = v;
    const logged = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'signature'));

    const failure = scenarios.takeFailure(method, path);
    if (failure) {
      const reply = failureResponse(failure, clock.now());
      send(res, reply.status, reply.body, reply.headers);
      log({ method, path, status: reply.status, params: logged });
      return;
    }

    let status = 200;
    let body: string;
    const route = routes[`${method} ${path}`];
    if (!route) {
      status = 404;
      body = '';
    } else {
      try {
        const header = req.headers['x-mbx-apikey'];
        const key = Array.isArray(header) ? header[0] : header;
        if (route.security === 'KEY') checkApiKey(key, venue.credentials);
        if (route.security === 'SIGNED' || route.security === 'TRADE') {
          verifySigned({ apiKey: key, params, payload: restSignedPayload(rawQuery, rawBody), credentials: venue.credentials, clock });
          requiresTrading(route, venue);
        }
        body = JSON.stringify(route.handle(params, venue));
      } catch (error) {
        const binance = error instanceof BinanceError ? error : errors.unknown();
        if (!(error instanceof BinanceError)) console.error('fake-binance: handler failed', error);
        status = binance.status;
        body = JSON.stringify(binance.body());
      }
    }

    // The request took full effect; the client just never hears back.
    if (scenarios.takeDrop(method, path)) {
      req.socket.destroy();
      log({ method, path, status: 0, params: logged });
      return;
    }
    send(res, status, body);
    log({ method, path, status, params: logged });
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('fake-binance: request failed', error);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    if (scenarios.refusing()) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const isUser = path === '/ws-api/v3';
    const isMarket = !isUser && (path === '/ws' || path.startsWith('/ws/') || path === '/stream' || path.startsWith('/stream/'));
    if (!isUser && !isMarket) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => (isUser ? user.accept(ws, path) : market.accept(ws, url)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-binance: no TCP address');
  const base = `127.0.0.1:${address.port}`;

  const amount = (value: number, step?: Amount) => fromNumber(value, step);

  return {
    restUrl: `http://${base}`,
    wsUrl: `ws://${base}`,
    apiKey,
    secret,
    requests,
    events,

    trade(symbol, price, qty) {
      const spec = venue.spec(symbol);
      if (!spec) throw new Error(`fake-binance: unknown symbol ${symbol}`);
      engine.marketTrade(symbol, amount(price, spec.tickSize), qty === undefined ? undefined : amount(qty, spec.stepSize));
    },
    startTicking: (intervalMs) => ticker.start(intervalMs),
    stopTicking: () => ticker.stop(),
    price: (symbol) => toNumber(engine.lastPrice(symbol)),
    orders: (symbol) => engine.orders(symbol).map(orderView),
    trades: (symbol) =>
      engine.trades(symbol).map((t) => ({
        symbol: t.symbol,
        id: t.id,
        orderId: t.orderId,
        price: toNumber(t.price),
        qty: toNumber(t.qty),
        quoteQty: toNumber(t.quoteQty),
        commission: toNumber(t.commission),
        commissionAsset: t.commissionAsset,
        time: t.time,
        isBuyer: t.isBuyer,
        isMaker: t.isMaker,
      })),
    balances: () => Object.fromEntries([...engine.allBalances()].map(([asset, b]) => [asset, { free: toNumber(b.free), locked: toNumber(b.locked) }])),
    deposit: (asset, value) => engine.adjustBalance(asset, amount(value)),

    failNext: (matcher, failure, times = 1) => scenarios.failNext(matcher, failure, times),
    dropResponseOfNext: (matcher, times = 1) => scenarios.dropResponseOfNext(matcher, times),
    dropStreams() {
      market.terminateAll();
      user.terminateAll();
    },
    refuseConnections(ms) {
      scenarios.refuseConnections(ms);
      if (ms <= 0) return;
      // Like a server going down: open connections (keep-alive REST, streams) die too.
      market.terminateAll();
      user.terminateAll();
      for (const socket of sockets) socket.destroy();
    },
    sendRaw(text, to = 'all') {
      if (to !== 'user') market.sendRaw(text);
      if (to !== 'market') user.sendRaw(text);
    },
    setClockSkew(ms) {
      clock.skewMs = ms;
    },
    serverTime: () => clock.now(),
    connections: () => ({ market: market.size, user: user.size }),

    async close() {
      ticker.stop();
      market.close();
      user.terminateAll();
      wss.close();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
