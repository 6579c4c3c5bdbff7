import http from 'node:http';
import type { Exchange } from 'ccxt';
import { overrideEndpoints, type Endpoints } from './endpoint-override';

export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
  passphrase?: string | undefined;
}

export interface ExchangeConfig {
  /** A ccxt exchange id with WebSocket support (`binance`, `bybit`, `okx`, …). */
  exchange: string;
  endpoints?: Endpoints | undefined;
  credentials?: ExchangeCredentials | undefined;
  /** REST request timeout (ms). */
  timeoutMs?: number;
}

type ExchangeClass = new (config: Record<string, unknown>) => Exchange;
type ProClasses = Record<string, ExchangeClass>;

let loading: Promise<ProClasses> | undefined;
/**
 * ccxt is loaded on first use: its hundred exchanges cost about 170 MB, which a profile without a
 * live account should not pay.
 */
function loadPro(): Promise<ProClasses> {
  loading ??= import('ccxt').then((m) => m.default.pro as unknown as ProClasses);
  return loading;
}

const isClass = (pro: ProClasses, id: string): boolean => /^[a-z]/.test(id) && Object.hasOwn(pro, id) && typeof pro[id] === 'function';

/** Exchanges ccxt can stream from (ccxt pro), the only ones a live account can use. */
export async function streamingExchanges(): Promise<string[]> {
  const pro = await loadPro();
  return Object.keys(pro).filter((id) => isClass(pro, id)).sort();
}

export async function isStreamingExchange(id: string): Promise<boolean> {
  return isClass(await loadPro(), id);
}

/**
 * A ccxt pro exchange for spot trading: its own rate limiter on, markets of the spot type only,
 * custom endpoints applied to every URL, and no call that needs more than trading keys.
 */
export async function createExchange(config: ExchangeConfig): Promise<Exchange> {
  const pro = await loadPro();
  if (!isClass(pro, config.exchange)) throw new Error(`ccxt has no streaming support for "${config.exchange}"`);
  const Class = pro[config.exchange]!;
  const exchange = new Class({
    enableRateLimit: true,
    timeout: config.timeoutMs ?? 10_000,
    ...(config.credentials ? { apiKey: config.credentials.apiKey, secret: config.credentials.secret, ...(config.credentials.passphrase ? { password: config.credentials.passphrase } : {}) } : {}),
    options: {
      defaultType: 'spot',
      // Binance: load spot markets only; the futures hosts are not ours to call.
      fetchMarkets: { types: ['spot'] },
      // Currencies need wallet permissions on some exchanges; markets carry all we use.
      fetchCurrencies: false,
      // Binance: margin pairs are signed requests a spot-only key need not be allowed to make.
      fetchMargins: false,
      // We correct the clock ourselves on the first timestamp error, not before every start.
      adjustForTimeDifference: false,
      // All open orders in one request at a reconnect: a weight of 80 once beats one per symbol.
      warnOnFetchOpenOrdersWithoutSymbol: false,
    },
  });
  exchange.has['fetchCurrencies'] = false;
  if (config.endpoints?.rest || config.endpoints?.ws) {
    exchange.urls['api'] = overrideEndpoints(exchange.urls['api'], config.endpoints) as Exchange['urls']['api'];
  }
  // ccxt opens plain ws:// sockets (a local gateway, a test exchange) only through an http agent.
  if (config.endpoints?.ws?.startsWith('ws://')) exchange.httpAgent = new http.Agent({ keepAlive: true });
  return exchange;
}

export interface ExchangeInfo {
  id: string;
  name: string;
  needsPassphrase: boolean;
  hasTestnet: boolean;
}

let described: ExchangeInfo[] | undefined;

/** Every streaming exchange with what its keys need, read from ccxt's own descriptions once. */
export async function describeExchanges(): Promise<ExchangeInfo[]> {
  const pro = await loadPro();
  described ??= (await streamingExchanges()).flatMap((id) => {
    try {
      const ex = new pro[id]!({});
      return [{ id, name: typeof ex.name === 'string' && ex.name ? ex.name : id, needsPassphrase: ex.requiredCredentials['password'] === true, hasTestnet: ex.urls['test'] !== undefined }];
    } catch {
      return [];
    }
  });
  return described;
}
