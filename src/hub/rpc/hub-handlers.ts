import type { HubMethodName, HubParams, HubResult } from '../../shared/social/hub-methods';
import type { HubConnection } from './hub-connection';

/** What a handler knows about the call besides its params. */
export interface CallContext {
  readonly connection: HubConnection;
  /** The hub clock at the start of the call. */
  readonly now: number;
  /** The signed-in member, or null. */
  readonly userId: string | null;
  /** The signed-in member; the dispatcher has already refused the call when there is none. */
  member(): string;
}

export type HubHandler<M extends HubMethodName> = (params: HubParams<M>, call: CallContext) => HubResult<M> | Promise<HubResult<M>>;

/** A handler per hub method; each domain implements its slice (`Pick<HubHandlers, …>`). */
export type HubHandlers = { [M in HubMethodName]: HubHandler<M> };
