import { z } from 'zod';
import { symbolSchema } from '../market/instrument';
import { accountCurrencySchema, accountIdSchema, accountSchema, connectionSchema, MAX_LEVERAGE } from '../trading/account';
import { reconciliationSchema } from '../trading/reconciliation';
import { fillSchema } from '../trading/fill';
import { checkOrderRequest, hasChange, orderChangesShape, orderRequestShape, orderSchema, ORDER_STATUSES } from '../trading/order';
import { positionSchema } from '../trading/position';
import { defineEvent, defineMethod } from './define';

const feeBps = z.number().min(-100).max(1000);
const money = z.number().positive().max(1e12);
const accountName = z.string().trim().min(1).max(64);
const leverage = z.number().min(1).max(MAX_LEVERAGE);
const orderId = z.string().min(1).max(64);
const baseUrl = (schemes: readonly string[]) =>
  z
    .string()
    .trim()
    .max(512)
    .url()
    .refine((u) => schemes.includes(new URL(u).protocol), { message: `a ${schemes.map((s) => s.replace(':', '://')).join(' or ')} URL` })
    .refine((u) => { const url = new URL(u); return url.search === '' && url.hash === '' && url.username === '' && url.password === ''; }, { message: 'a base URL: no query, fragment or user name' });
const endpointsParam = z.strictObject({ rest: baseUrl(['http:', 'https:']).optional(), ws: baseUrl(['ws:', 'wss:']).optional() });
export const MAX_FILLS_PER_CALL = 5000;
export const MAX_ORDERS_PER_CALL = 5000;

export const tradingMethods = {
  'accounts.list': defineMethod({
    summary: 'Every trading account of the profile with its balance, equity, margin used and buying power.',
    params: z.strictObject({}),
    result: z.array(accountSchema),
  }),
  'accounts.exchanges': defineMethod({
    summary: 'Exchanges a live account can connect to (ccxt, with streaming), with the credentials each needs.',
    params: z.strictObject({}),
    result: z.array(z.object({ id: z.string(), name: z.string(), needsPassphrase: z.boolean(), hasTestnet: z.boolean() })),
  }),
  'accounts.create': defineMethod({
    summary:
      'Creates an account. `kind: "paper"`: simulated, funded with `balance`; with `leverage` a margin account (shorts allowed, up to leverage × equity), without a cash account; fees in basis points (default maker 1, taker 5). `kind: "ccxt"`: a live spot account at `exchange`, optionally through custom `endpoints` (REST and WebSocket base URLs for a testnet or gateway); it connects once keys are set with `accounts.setCredentials`.',
    params: z.discriminatedUnion('kind', [
      z.strictObject({
        name: accountName,
        kind: z.literal('paper'),
        currency: accountCurrencySchema,
        balance: money,
        leverage: leverage.optional(),
        makerFeeBps: feeBps.default(1),
        takerFeeBps: feeBps.default(5),
        maxOrderValue: money.optional(),
      }),
      z.strictObject({
        name: accountName,
        kind: z.literal('ccxt'),
        exchange: z.string().trim().toLowerCase().regex(/^[a-z0-9]{2,32}$/, 'a ccxt exchange id such as binance'),
        endpoints: endpointsParam.optional(),
        /** The currency the account is valued in: a quote currency of the exchange's spot markets. */
        currency: accountCurrencySchema.default('USDT'),
        maxOrderValue: money.optional(),
      }),
    ]),
    result: accountSchema,
  }),
  'accounts.setCredentials': defineMethod({
    summary: 'Stores a live account’s API key, secret and (for exchanges that need one) passphrase, encrypted, and (re)connects. The keys are never returned, logged or sent to the UI.',
    params: z.strictObject({
      accountId: accountIdSchema,
      apiKey: z.string().trim().min(1).max(512),
      secret: z.string().trim().min(1).max(4096),
      passphrase: z.string().min(1).max(512).optional(),
    }),
    result: accountSchema,
  }),
  'accounts.testConnection': defineMethod({
    summary: 'Checks a live account’s keys against its exchange: authenticated, balances readable, trading permitted, latency and clock offset, with a one-line verdict in `summary`.',
    params: z.strictObject({ accountId: accountIdSchema }),
    result: z.object({
      ok: z.boolean(),
      /** "authenticated; balances read; trading permission: yes", or what failed and what to do. */
      summary: z.string(),
      authenticated: z.boolean(),
      balancesRead: z.boolean(),
      /** null when the exchange does not say. */
      canTrade: z.boolean().nullable(),
      latencyMs: z.number().nullable(),
      /** Exchange clock minus ours (ms), when measured. */
      clockOffsetMs: z.number().nullable(),
      instruments: z.int().nullable(),
    }),
  }),
  'accounts.reconnect': defineMethod({
    summary: 'Reconnects a live account now (after `down`, or to force a fresh reconciliation).',
    params: z.strictObject({ accountId: accountIdSchema }),
    result: accountSchema,
  }),
  'accounts.reconciliations': defineMethod({
    summary: 'A live account’s latest reconciliations with its exchange, newest first, each listing the differences found and how they were resolved.',
    params: z.strictObject({ accountId: accountIdSchema, limit: z.int().min(1).max(200).default(20) }),
    result: z.array(reconciliationSchema),
  }),
  'accounts.configure': defineMethod({
    summary: 'Changes an account’s name, fees, leverage (margin accounts) or maximum order value (null removes it).',
    params: z.strictObject({
      accountId: accountIdSchema,
      name: accountName.optional(),
      leverage: leverage.optional(),
      makerFeeBps: feeBps.optional(),
      takerFeeBps: feeBps.optional(),
      maxOrderValue: money.nullable().optional(),
    }),
    result: accountSchema,
  }),
  'accounts.reset': defineMethod({
    summary: 'Starts a paper account over: cancels its working orders, drops its positions and sets its balance (default: the starting balance). Its fills stay in the history.',
    params: z.strictObject({ accountId: accountIdSchema, balance: money.optional() }),
    result: accountSchema,
  }),
  'orders.place': defineMethod({
    summary: 'Places an order. The same `clientOrderId` twice returns the existing order, never a second one. Refused orders fail with BROKER_REJECTED or RISK_BLOCKED (the order, status rejected, in `data.order`).',
    params: orderRequestShape.extend({ accountId: accountIdSchema }).superRefine(checkOrderRequest),
    result: orderSchema,
  }),
  'orders.cancel': defineMethod({
    summary: 'Cancels a working order. Cancelling a bracket entry cancels what has not filled; the stop-loss and take-profit protecting what did fill stay.',
    params: z.strictObject({ accountId: accountIdSchema, orderId }),
    result: orderSchema,
  }),
  'orders.cancelAll': defineMethod({
    summary: 'Cancels every working order of the account, or of one symbol.',
    params: z.strictObject({ accountId: accountIdSchema, symbol: symbolSchema.optional() }),
    result: z.object({ cancelled: z.array(orderSchema) }),
  }),
  'orders.modify': defineMethod({
    summary: 'Changes the quantity, limit price or stop price of a working order; a quantity below what has filled is refused.',
    params: orderChangesShape.extend({ accountId: accountIdSchema, orderId }).refine(hasChange, { message: 'give qty, price or stopPrice' }),
    result: orderSchema,
  }),
  'orders.list': defineMethod({
    summary: 'Orders of an account, newest first: `working` ones, one status, or all (default).',
    params: z.strictObject({
      accountId: accountIdSchema,
      status: z.enum([...ORDER_STATUSES, 'working']).optional(),
      symbol: symbolSchema.optional(),
      limit: z.int().min(1).max(MAX_ORDERS_PER_CALL).default(500),
    }),
    result: z.array(orderSchema),
  }),
  'positions.list': defineMethod({
    summary: 'Open positions of an account, marked at the last trade price.',
    params: z.strictObject({ accountId: accountIdSchema }),
    result: z.array(positionSchema),
  }),
  'positions.close': defineMethod({
    summary: 'Closes a position (or `qty` of it) with a reduce-only market order, which it returns.',
    params: z.strictObject({ accountId: accountIdSchema, symbol: symbolSchema, qty: z.number().positive().optional() }),
    result: orderSchema,
  }),
  'positions.closeAll': defineMethod({
    summary: 'Flattens the account: cancels its working orders and closes every position at market.',
    params: z.strictObject({ accountId: accountIdSchema }),
    result: z.object({ cancelled: z.array(orderSchema), closing: z.array(orderSchema), failed: z.array(z.object({ symbol: z.string(), reason: z.string() })) }),
  }),
  'fills.list': defineMethod({
    summary: `Fills of an account from the persisted history, oldest first (\`order: "desc"\`: newest first): filter by symbol and time [from, to) (ms); page on in the same direction with the returned \`nextCursor\` (≤ ${MAX_FILLS_PER_CALL} a call).`,
    params: z.strictObject({
      accountId: accountIdSchema,
      symbol: symbolSchema.optional(),
      from: z.int().optional(),
      to: z.int().optional(),
      cursor: z.string().regex(/^\d+$/, 'a cursor from an earlier call').optional(),
      limit: z.int().min(1).max(MAX_FILLS_PER_CALL).default(500),
      order: z.enum(['asc', 'desc']).default('asc'),
    }),
    result: z.object({ fills: z.array(fillSchema), nextCursor: z.string().nullable() }),
  }),
};

export const tradingEvents = {
  'orders.update': defineEvent({ summary: 'An order was accepted, filled (partly), modified, cancelled, rejected or expired: its new state.', payload: orderSchema }),
  'fills.new': defineEvent({ summary: 'A fill, once it is persisted.', payload: fillSchema }),
  'positions.update': defineEvent({ summary: 'A position changed by a fill, or its mark moved (coalesced to 4 a second per account).', payload: positionSchema }),
  'accounts.connection': defineEvent({
    summary: 'A live account’s connection changed state (`connecting`, `live`, `degraded`, `reconnecting`, `down`), with the reason in words.',
    payload: connectionSchema.extend({ accountId: z.string() }),
  }),
  'accounts.reconciliation': defineEvent({ summary: 'A live account was reconciled with its exchange after a (re)connect: what was compared and every difference found.', payload: reconciliationSchema }),
  'accounts.update': defineEvent({ summary: 'An account’s money or settings changed (marks coalesced to 4 a second per account).', payload: accountSchema }),
};
