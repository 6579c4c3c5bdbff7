import type { z } from 'zod';

/** A method of the public API: `domain.verb`, its params and its result. */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** One sentence for docs/api.md. */
  readonly summary: string;
  readonly params: P;
  readonly result: R;
}

/** An event topic and its payload. */
export interface EventSpec<T extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: T;
}

/** Identity helpers that keep the literal schema types for inference. */
export const defineMethod = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> => spec;
export const defineEvent = <T extends z.ZodType>(spec: EventSpec<T>): EventSpec<T> => spec;
