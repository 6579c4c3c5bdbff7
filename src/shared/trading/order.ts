import { z } from 'zod';
import { symbolSchema } from '../market/instrument';

export const SIDES = ['buy', 'sell'] as const;
export const sideSchema = z.enum(SIDES);
export type Side = z.infer<typeof sideSchema>;

export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit'] as const;
export const orderTypeSchema = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof orderTypeSchema>;
/** Limit and stop-limit orders carry a limit price; stop and stop-limit orders a stop price. */
export const takesLimitPrice = (type: OrderType): boolean => type === 'limit' || type === 'stop_limit';
export const takesStopPrice = (type: OrderType): boolean => type === 'stop' || type === 'stop_limit';

/** Good till cancelled, immediate or cancel, fill or kill, until the instrument's trading day ends. */
export const TIFS = ['GTC', 'IOC', 'FOK', 'DAY'] as const;
export const tifSchema = z.enum(TIFS);
export type Tif = z.infer<typeof tifSchema>;

/**
 * `new` is accepted and working (a stop not yet triggered included); the last four are final.
 * An order never leaves a final state.
 */
export const ORDER_STATUSES = ['new', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired'] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const isWorking = (status: OrderStatus): boolean => status === 'new' || status === 'partially_filled';

/** What a bracket child protects: the entry it belongs to is `parentId`. */
export const ORDER_ROLES = ['entry', 'stop_loss', 'take_profit'] as const;
export const orderRoleSchema = z.enum(ORDER_ROLES);
export type OrderRole = z.infer<typeof orderRoleSchema>;

const price = z.number().positive().finite();
const qty = z.number().positive().finite();

/** Protective orders attached to an entry; they become an OCO pair as the entry fills. */
export const bracketSchema = z
  .strictObject({ stopLoss: price.optional(), takeProfit: price.optional() })
  .refine((b) => b.stopLoss !== undefined || b.takeProfit !== undefined, { message: 'give stopLoss, takeProfit or both' });
export type Bracket = z.infer<typeof bracketSchema>;

/**
 * Client order ids the core makes: `ist_` and 32 hex digits of a UUIDv7 (36 characters, what
 * exchanges such as Binance accept). The prefix is reserved so a caller's id never collides.
 */
export const GENERATED_CLIENT_ID_PREFIX = 'ist_';

export const clientOrderIdSchema = z
  .string()
  .min(1)
  .max(36)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
  .refine((id) => !id.startsWith(GENERATED_CLIENT_ID_PREFIX), { message: `the prefix ${GENERATED_CLIENT_ID_PREFIX} is reserved for ids the terminal makes` });

/** The fields of an order as a client asks for it; `checkOrderRequest` relates them. */
export const orderRequestShape = z.strictObject({
  clientOrderId: clientOrderIdSchema.optional(),
  symbol: symbolSchema,
  side: sideSchema,
  type: orderTypeSchema,
  qty,
  price: price.optional(),
  stopPrice: price.optional(),
  tif: tifSchema.default('GTC'),
  reduceOnly: z.boolean().default(false),
  bracket: bracketSchema.optional(),
});

type RequestFields = Pick<z.output<typeof orderRequestShape>, 'type' | 'price' | 'stopPrice' | 'tif' | 'reduceOnly' | 'bracket'>;

/** Shape checks across fields; prices against ticks and sizes against lots are the trading service's. */
export function checkOrderRequest(o: RequestFields, ctx: z.RefinementCtx): void {
  const needsPrice = takesLimitPrice(o.type);
  const needsStop = takesStopPrice(o.type);
  if (needsPrice && o.price === undefined) ctx.addIssue({ code: 'custom', path: ['price'], message: `a ${o.type} order needs a price` });
  if (!needsPrice && o.price !== undefined) ctx.addIssue({ code: 'custom', path: ['price'], message: `a ${o.type} order takes no price` });
  if (needsStop && o.stopPrice === undefined) ctx.addIssue({ code: 'custom', path: ['stopPrice'], message: `a ${o.type} order needs a stopPrice` });
  if (!needsStop && o.stopPrice !== undefined) ctx.addIssue({ code: 'custom', path: ['stopPrice'], message: `a ${o.type} order takes no stopPrice` });
  if (o.type === 'market' && o.tif === 'DAY') ctx.addIssue({ code: 'custom', path: ['tif'], message: 'a market order executes at once: IOC, FOK or GTC' });
  if (o.bracket && o.reduceOnly) ctx.addIssue({ code: 'custom', path: ['bracket'], message: 'a reduce-only order cannot carry a bracket' });
}

export const orderRequestSchema = orderRequestShape.superRefine(checkOrderRequest);
export type OrderRequestIn = z.input<typeof orderRequestSchema>;
export type OrderRequest = z.output<typeof orderRequestSchema>;

export const orderSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: sideSchema,
  type: orderTypeSchema,
  qty: z.number(),
  price: z.number().nullable(),
  stopPrice: z.number().nullable(),
  tif: tifSchema,
  reduceOnly: z.boolean(),
  status: orderStatusSchema,
  filledQty: z.number(),
  /** Volume-weighted price of the fills so far; null before the first fill. */
  avgFillPrice: z.number().nullable(),
  /** For stop and stop-limit orders: true once the stop price was reached. */
  triggered: z.boolean(),
  role: orderRoleSchema,
  /** The entry of a bracket child. */
  parentId: z.string().nullable(),
  /** The bracket still to attach as the entry fills (entries only). */
  bracket: z.object({ stopLoss: z.number().nullable(), takeProfit: z.number().nullable() }).nullable(),
  /** Why the broker or the risk checks refused, cancelled or expired it, in words for the user. */
  reason: z.string().nullable(),
  /** When a DAY order expires (ms); null otherwise. */
  expiresAt: z.int().nullable(),
  /** The exchange's own id of a live order, once known; null for paper orders. */
  venueOrderId: z.string().nullable().default(null),
  createdAt: z.int(),
  updatedAt: z.int(),
});
export type Order = z.infer<typeof orderSchema>;

export const orderChangesShape = z.strictObject({ qty: qty.optional(), price: price.optional(), stopPrice: price.optional() });
export type OrderChanges = z.infer<typeof orderChangesShape>;
export const hasChange = (c: OrderChanges): boolean => c.qty !== undefined || c.price !== undefined || c.stopPrice !== undefined;

/** +1 for a buy, −1 for a sell. */
export const sideSign = (side: Side): 1 | -1 => (side === 'buy' ? 1 : -1);
export const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');
