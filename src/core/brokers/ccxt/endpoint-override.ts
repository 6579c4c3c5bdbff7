/** A replacement for an exchange's default hosts: testnet, sandbox, regional or self-hosted gateway. */
export interface Endpoints {
  /** Replaces the scheme and host of every REST URL; a path here is prefixed to the exchange's own. */
  rest?: string | undefined;
  /** The same for every WebSocket URL. */
  ws?: string | undefined;
}

const ORIGIN = /^([a-z]+):\/\/[^/]+/i;

function rebase(url: string, base: string): string {
  return url.replace(ORIGIN, base.replace(/\/+$/, ''));
}

/**
 * ccxt's `urls.api` with every REST URL moved to `endpoints.rest` and every WebSocket URL to
 * `endpoints.ws`, wherever it sits in the tree (Binance alone has thirty: api, sapi, ws, ws-api…).
 * Templated hosts (`api.{hostname}`) are replaced too.
 */
export function overrideEndpoints(api: unknown, endpoints: Endpoints): unknown {
  if (typeof api === 'string') {
    const scheme = ORIGIN.exec(api)?.[1]?.toLowerCase();
    if ((scheme === 'http' || scheme === 'https') && endpoints.rest) return rebase(api, endpoints.rest);
    if ((scheme === 'ws' || scheme === 'wss') && endpoints.ws) return rebase(api, endpoints.ws);
    return api;
  }
  if (Array.isArray(api)) return api.map((item: unknown) => overrideEndpoints(item, endpoints));
  if (api !== null && typeof api === 'object') {
    return Object.fromEntries(Object.entries(api).map(([key, value]) => [key, overrideEndpoints(value, endpoints)]));
  }
  return api;
}
