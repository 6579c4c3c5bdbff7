import { z } from 'zod';

export const ACCOUNT_CURRENCIES = ['USD', 'USDT', 'EUR', 'GBP', 'JPY'] as const;
export const accountCurrencySchema = z.enum(ACCOUNT_CURRENCIES);
export type AccountCurrency = z.infer<typeof accountCurrencySchema>;

export const MAX_LEVERAGE = 100;

export const ACCOUNT_KINDS = ['paper', 'ccxt'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * A live account's link to its exchange. `degraded`: connected, but a stream is stale or the
 * exchange is throttling; `reconnecting`: lost, trying again with backoff; `down`: given up
 * until the user acts (keys refused, no keys, exchange unknown).
 */
export const CONNECTION_STATES = ['connecting', 'live', 'degraded', 'reconnecting', 'down'] as const;
export const connectionStateSchema = z.enum(CONNECTION_STATES);
export type ConnectionState = z.infer<typeof connectionStateSchema>;
export const connectionSchema = z.object({
  state: connectionStateSchema,
  /** In words for the user: what is happening and, when not live, why. */
  detail: z.string(),
  since: z.int(),
  /** What the streams delivered that could not be used, and how often the link was rebuilt. */
  stats: z.object({ malformedFrames: z.int(), outOfOrder: z.int(), reconnects: z.int() }).optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** Base URLs replacing an exchange's defaults: testnet, sandbox, regional or self-hosted gateway. */
export const endpointsSchema = z.object({ rest: z.string().optional(), ws: z.string().optional() });
export type AccountEndpoints = z.infer<typeof endpointsSchema>;

/** A trading account as every screen sees it: its settings and its money right now. */
export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  /** Live accounts: the ccxt exchange id (`binance`). */
  exchange: z.string().nullable(),
  /** Live accounts: the prefix of the exchange's symbols in this terminal (`BINANCE` → `BINANCE:BTC/USDT`). */
  venue: z.string().nullable(),
  endpoints: endpointsSchema.nullable(),
  /** Whether API keys are stored for it (the keys themselves never leave the core). */
  hasCredentials: z.boolean(),
  /** Live accounts: the connection to the exchange; null for paper accounts. */
  connection: connectionSchema.nullable(),
  /** `cash`: no borrowing, no shorts; `margin`: up to `leverage` × equity. */
  type: z.enum(['cash', 'margin']),
  currency: accountCurrencySchema,
  leverage: z.number().min(1).max(MAX_LEVERAGE),
  startingBalance: z.number(),
  makerFeeBps: z.number(),
  takerFeeBps: z.number(),
  /** Largest value of one order in the account currency; null for no limit. */
  maxOrderValue: z.number().positive().nullable(),
  /** Cash: deposits, minus what was paid for positions, plus what they sold for, minus fees. */
  balance: z.number(),
  /** Balance plus the marked value of open positions. */
  equity: z.number(),
  unrealizedPnl: z.number(),
  /** Realised P&L since the last reset, net of fees. */
  realizedPnl: z.number(),
  marginUsed: z.number(),
  /** Value of new positions the account can still open, working orders reserved. */
  buyingPower: z.number(),
  createdAt: z.int(),
  resetAt: z.int().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountIdSchema = z.string().min(1).max(64);
