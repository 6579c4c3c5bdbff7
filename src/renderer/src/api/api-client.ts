import { ApiError, apiErrorShapeSchema, type EventPayload, type MethodName, type ParamsIn, type Result, type TopicName } from '../../../shared/contract';
import { errorMessage } from './error-message';
import type { ConnectionState, Transport } from './transport';

/** Params may be left out when every field is optional. */
export type ParamsArg<M extends MethodName> = Record<never, never> extends ParamsIn<M> ? [params?: ParamsIn<M>] : [params: ParamsIn<M>];

/** The typed API of the core, as the renderer uses it: `api.call('system.info')`, `api.on('system.status', fn)`. */
export interface ApiClient {
  readonly transport: Transport['kind'];
  call<M extends MethodName>(method: M, ...params: ParamsArg<M>): Promise<Result<M>>;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
}

/** Just the calls: what code that only asks the core for data needs (the start-up prefetch). */
export type ApiCaller = Pick<ApiClient, 'call'>;

export function createApiClient(transport: Transport): ApiClient {
  return {
    transport: transport.kind,
    get state() {
      return transport.state;
    },
    async call(method, ...params) {
      try {
        return (await transport.call(method, params[0] ?? {})) as never;
      } catch (error) {
        throw toApiError(error);
      }
    },
    on: (topic, listener) => transport.on(topic, listener as (payload: unknown) => void),
    onState: (listener) => transport.onState(listener),
  };
}

/** Whatever a transport rejected with, as an ApiError with a stable code. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const shape = apiErrorShapeSchema.safeParse(error);
  if (shape.success) return ApiError.fromShape(shape.data);
  return new ApiError('INTERNAL', errorMessage(error));
}
