import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { assetClassSchema, type AssetClass } from '../../shared/market/instrument';
import type { Strategy } from '../../shared/social/social-types';
import type { ChainHead } from '../../shared/social/stream-chain';

const bool = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);

const strategyRowSchema = z.object({
  strategy_id: z.string(),
  owner_id: z.string(),
  name: z.string(),
  description: z.string(),
  public_key: z.string(),
  currency: z.string(),
  asset_classes: z.string().transform((s) => z.array(assetClassSchema).parse(JSON.parse(s))),
  created_at: z.int(),
  head_seq: z.int(),
  head_hash: z.string(),
  head_ts: z.int(),
  head_body_time: z.int(),
  username: z.string(),
  display_name: z.string(),
  avatar_color: z.string(),
  simulated: bool,
});
export type StrategyRow = z.output<typeof strategyRowSchema>;

const viewRowSchema = strategyRowSchema.extend({ followers: z.int(), copiers: z.int(), followed_by_me: bool });

export interface NewStrategy {
  strategyId: string;
  ownerId: string;
  name: string;
  description: string;
  publicKey: string;
  currency: string;
  assetClasses: AssetClass[];
  createdAt: number;
  headHash: string;
}

export interface StrategiesRepository {
  insert(s: NewStrategy): void;
  row(strategyId: string): StrategyRow | undefined;
  /** Every strategy id, oldest first (for whole-hub recomputes). */
  ids(): string[];
  countByOwner(ownerId: string): number;
  view(strategyId: string, viewer: string): Strategy | undefined;
  byOwner(ownerId: string, viewer: string): Strategy[];
  setHead(strategyId: string, head: ChainHead): void;
}

export const headOf = (row: StrategyRow): ChainHead => ({ seq: row.head_seq, hash: row.head_hash, ts: row.head_ts, bodyTime: row.head_body_time });

export function createStrategiesRepository(db: Database): StrategiesRepository {
  const base = 'SELECT s.*, u.username, u.display_name, u.avatar_color, u.simulated FROM strategies s JOIN users u ON u.user_id = s.owner_id';
  const viewColumns = `s.*, u.username, u.display_name, u.avatar_color, u.simulated,
      (SELECT COUNT(*) FROM strategy_follows f WHERE f.strategy_id = s.strategy_id) AS followers,
      (SELECT COUNT(DISTINCT c.user_id) FROM copy_reports c WHERE c.strategy_id = s.strategy_id AND c.active = 1) AS copiers,
      EXISTS (SELECT 1 FROM strategy_follows f WHERE f.strategy_id = s.strategy_id AND f.user_id = @viewer) AS followed_by_me`;
  const insert = db.prepare(
    `INSERT INTO strategies (strategy_id, owner_id, name, description, public_key, currency, asset_classes, created_at, head_hash)
     VALUES (@strategyId, @ownerId, @name, @description, @publicKey, @currency, @assetClasses, @createdAt, @headHash)`,
  );
  const row = db.prepare(`${base} WHERE s.strategy_id = ?`);
  const ids = db.prepare('SELECT strategy_id FROM strategies ORDER BY created_at, strategy_id').pluck();
  const countByOwner = db.prepare('SELECT COUNT(*) FROM strategies WHERE owner_id = ?').pluck();
  const view = db.prepare(`SELECT ${viewColumns} FROM strategies s JOIN users u ON u.user_id = s.owner_id WHERE s.strategy_id = @strategyId`);
  const byOwner = db.prepare(`SELECT ${viewColumns} FROM strategies s JOIN users u ON u.user_id = s.owner_id WHERE s.owner_id = @ownerId ORDER BY s.created_at, s.strategy_id`);
  const setHead = db.prepare('UPDATE strategies SET head_seq = @seq, head_hash = @hash, head_ts = @ts, head_body_time = @bodyTime WHERE strategy_id = @strategyId');
  const toStrategy = (raw: unknown): Strategy => {
    const r = viewRowSchema.parse(raw);
    return {
      strategyId: r.strategy_id,
      owner: { userId: r.owner_id, username: r.username, displayName: r.display_name, avatarColor: r.avatar_color },
      name: r.name,
      description: r.description,
      publicKey: r.public_key,
      currency: r.currency,
      assetClasses: r.asset_classes,
      createdAt: r.created_at,
      simulated: r.simulated,
      headSeq: r.head_seq,
      headHash: r.head_hash,
      followers: r.followers,
      copiers: r.copiers,
      followedByMe: r.followed_by_me,
    };
  };
  return {
    insert: (s) => void insert.run({ ...s, assetClasses: JSON.stringify(s.assetClasses) }),
    row: (strategyId) => {
      const r = row.get(strategyId);
      return r === undefined ? undefined : strategyRowSchema.parse(r);
    },
    ids: () => z.array(z.string()).parse(ids.all()),
    countByOwner: (ownerId) => z.int().parse(countByOwner.get(ownerId)),
    view: (strategyId, viewer) => {
      const r = view.get({ strategyId, viewer });
      return r === undefined ? undefined : toStrategy(r);
    },
    byOwner: (ownerId, viewer) => byOwner.all({ ownerId, viewer }).map(toStrategy),
    setHead: (strategyId, head) => void setHead.run({ strategyId, ...head }),
  };
}
