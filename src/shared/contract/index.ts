import type { z } from 'zod';
import type { EventSpec, MethodSpec } from './define';
import { createEventMethods } from './events';
import { marketEvents, marketMethods } from './market';
import { copyEvents, copyMethods } from './copy';
import { socialEvents, socialMethods } from './social';
import { systemEvents, systemMethods } from './system';
import { tradingEvents, tradingMethods } from './trading';
import { workspaceMethods } from './workspace';

export * from './errors';
export * from './system';
export * from './market';
export * from './trading';
export * from './social';
export * from './copy';
export type { EventSpec, MethodSpec } from './define';

/** Every event topic, by name. Add a domain's events here. */
export const events = {
  ...systemEvents,
  ...marketEvents,
  ...tradingEvents,
  ...socialEvents,
  ...copyEvents,
} satisfies Record<string, EventSpec>;

export type Events = typeof events;
export type TopicName = keyof Events;
export const topicNames = Object.keys(events) as [TopicName, ...TopicName[]];

/** Every method, by name. Add a domain's methods here. */
export const methods = {
  ...systemMethods,
  ...marketMethods,
  ...workspaceMethods,
  ...tradingMethods,
  ...socialMethods,
  ...copyMethods,
  ...createEventMethods(topicNames),
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const methodNames = Object.keys(methods) as MethodName[];

/** Params as a caller may write them (defaults not yet applied). */
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
/** Params as a handler receives them, after validation. */
export type Params<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<T extends TopicName> = z.output<Events[T]['payload']>;

/** Methods that act on the calling connection (its event topics, its live symbols). */
export type SessionMethodName = 'events.subscribe' | 'events.unsubscribe' | 'market.subscribe' | 'market.unsubscribe';
/** Methods served by the core itself, the same for every caller. */
export type CoreMethodName = Exclude<MethodName, SessionMethodName>;

/** A handler per method; each domain implements its slice (`Pick<Handlers, …>`). */
export type Handlers<M extends MethodName = CoreMethodName> = {
  [K in M]: (params: Params<K>) => Promise<Result<K>> | Result<K>;
};

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(events, name);
}
