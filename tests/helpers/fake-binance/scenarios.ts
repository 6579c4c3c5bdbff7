/** Fault injection for REST calls and connections: what a flaky exchange does to a client. */

export interface RequestMatcher {
  /** Any method when left out. */
  method?: string | undefined;
  /** The exact path (`/api/v3/order`) or a pattern. */
  path: string | RegExp;
}

export type FailureStatus = 418 | 429 | 500 | 502 | 503;

export interface FailureSpec {
  status: FailureStatus;
  /** Sent as a `Retry-After` header, as Binance does with 418/429. */
  retryAfterSeconds?: number | undefined;
  /** Override Binance's body for this status. */
  code?: number | undefined;
  msg?: string | undefined;
}

interface Armed<T> {
  matcher: RequestMatcher;
  value: T;
  remaining: number;
}

function matches(matcher: RequestMatcher, method: string, path: string): boolean {
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== method) return false;
  return typeof matcher.path === 'string' ? matcher.path === path : matcher.path.test(path);
}

function take<T>(list: Armed<T>[], method: string, path: string): T | undefined {
  const index = list.findIndex((a) => matches(a.matcher, method, path));
  if (index < 0) return undefined;
  const armed = list[index]!;
  armed.remaining -= 1;
  if (armed.remaining <= 0) list.splice(index, 1);
  return armed.value;
}

export class Scenarios {
  private readonly failures: Armed<FailureSpec>[] = [];
  private readonly drops: Armed<true>[] = [];
  private refuseUntil = 0;

  failNext(matcher: RequestMatcher, spec: FailureSpec, times = 1): void {
    this.failures.push({ matcher, value: spec, remaining: times });
  }

  dropResponseOfNext(matcher: RequestMatcher, times = 1): void {
    this.drops.push({ matcher, value: true, remaining: times });
  }

  refuseConnections(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  refusing(): boolean {
    return Date.now() < this.refuseUntil;
  }

  takeFailure(method: string, path: string): FailureSpec | undefined {
    return take(this.failures, method, path);
  }

  takeDrop(method: string, path: string): boolean {
    return take(this.drops, method, path) === true;
  }
}

/**
 * What Binance (or the gateway in front of it) answers with each status. 5xx from the gateway
 * comes as text, not JSON, which is what lets a client fall back to the HTTP status.
 */
export function failureResponse(spec: FailureSpec, serverTime: number): { status: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  if (spec.retryAfterSeconds !== undefined) headers['Retry-After'] = String(spec.retryAfterSeconds);
  const json = (code: number, msg: string) => {
    headers['Content-Type'] = 'application/json;charset=UTF-8';
    return JSON.stringify({ code: spec.code ?? code, msg: spec.msg ?? msg });
  };
  const custom = spec.code !== undefined || spec.msg !== undefined;
  switch (spec.status) {
    case 429:
      return { status: 429, headers, body: json(-1003, 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API.') };
    case 418: {
      const until = serverTime + (spec.retryAfterSeconds ?? 120) * 1000;
      return { status: 418, headers, body: json(-1003, `Way too many requests; IP(127.0.0.1) banned until ${until}. Please use the websocket for live updates to avoid bans.`) };
    }
    case 500:
      return { status: 500, headers, body: json(-1001, 'Internal error; unable to process your request. Please try again.') };
    case 502:
      if (custom) return { status: 502, headers, body: json(-1001, 'Bad Gateway') };
      headers['Content-Type'] = 'text/html';
      return { status: 502, headers, body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>' };
    case 503:
      if (custom) return { status: 503, headers, body: json(-1008, 'Server is currently overloaded with other requests. Please try again in a few minutes.') };
      headers['Content-Type'] = 'text/plain';
      return { status: 503, headers, body: 'Service Unavailable.' };
  }
}
