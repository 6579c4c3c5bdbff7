import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ApiError } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcEnvelope } from '../shared/ist-bridge';
import type { Session } from '../core/api/session';
import type { Core } from '../core/create-core';

export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Core;
  /** Only our own renderer's main frame may call the core. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

/** Routes contract calls from trusted windows to the core and events back to them. */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const { core } = options;
  const sessions = new Map<number, Session>();

  const sessionFor = (contents: WebContents): Session => {
    let session = sessions.get(contents.id);
    if (!session) {
      session = core.openSession((topic, payload) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, topic, payload);
      });
      sessions.set(contents.id, session);
      const drop = (): void => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      };
      contents.once('destroyed', drop);
      // A reload or crash starts a new page with no listeners: its subscriptions start afresh.
      contents.on('render-process-gone', drop);
      contents.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
        if (details.isMainFrame && !details.isSameDocument) drop();
      });
    }
    return session;
  };

  options.ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, params: unknown): Promise<IpcEnvelope> => {
    try {
      if (!options.isTrustedSender(event)) throw new ApiError('UNAUTHORIZED', 'Calls are only accepted from the application window');
      if (typeof method !== 'string') throw new ApiError('INVALID_REQUEST', 'Method must be a string');
      return { ok: true, result: await core.call(method, params, sessionFor(event.sender).handlers) };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL', 'Internal error');
      return { ok: false, error: apiError.toShape() };
    }
  });

  return () => {
    options.ipcMain.removeHandler(IPC_CALL_CHANNEL);
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}
