import type { StyleParams } from './styles/create-style';
import type { FeeTier } from './trading-costs';

/** How a member writes: picks the templates and the tone of their posts. */
export type Voice = 'calm' | 'hype' | 'quant' | 'salty' | 'mentor' | 'terse';

/** One simulated trader: who they are, how they trade, and their account. */
export interface MemberProfile {
  /** Unique, 3–24 letters, digits or underscores; also what keys and ids derive from. */
  username: string;
  displayName: string;
  bio: string;
  avatarColor: string;
  voice: Voice;
  strategy: { name: string; description: string };
  style: StyleParams;
  /** Starting capital, USD. */
  capital: number;
  /** Length of the track record when the community first starts. */
  ageDays: number;
  /** Gross exposure never exceeds this multiple of equity. */
  maxLeverage: number;
  /** Commission tier (default retail). */
  fees?: FeeTier;
  /** Capital moved in (+) or out (−) so many days into the track record. */
  flows?: ReadonlyArray<{ day: number; amount: number }>;
  /** Tops the account back up to its starting capital when equity falls under this fraction of it. */
  refillBelow?: number;
}
