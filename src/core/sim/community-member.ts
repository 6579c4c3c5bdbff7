import type { LocalHubClient, StrategyKey } from '../../hub';
import type { Strategy } from '../../shared/social/social-types';
import type { StrategyEvent } from '../../shared/social/strategy-event';
import type { MemberProfile } from './member-profile';
import type { MemberSim } from './member-sim';
import type { StreamWriter } from './stream-writer';

/** A member of the running community: who, their hub client, their account and their stream. */
export interface CommunityMember {
  profile: MemberProfile;
  userId: string;
  /** Acts as the member on the hub. */
  client: LocalHubClient;
  key: StrategyKey;
  strategy: Strategy;
  sim: MemberSim;
  /** The hub's head event of the stream when last read (null for an empty stream). */
  hubHead: StrategyEvent | null;
  /** Signs the member's next events; null until the stream is attached to the hub's head. */
  writer: StreamWriter | null;
  /** Signed, not yet acknowledged by the hub. */
  pending: StrategyEvent[];
  /** A publish failed: read the hub's head again before signing more. */
  resync: boolean;
  /** The hub's head event was found to be this simulation's. */
  headChecked: boolean;
  /** The hub holds a history this simulation does not reproduce: never publish on top of it. */
  diverged: boolean;
}
