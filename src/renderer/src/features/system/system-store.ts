import { create } from 'zustand';
import type { SystemInfo, SystemStatus } from '../../../../shared/contract';
import type { ConnectionState } from '../../api/transport';

interface SystemState {
  connection: ConnectionState;
  info: SystemInfo | null;
  status: SystemStatus | null;
  /** Round trip of the last `system.info` call, ms. */
  latencyMs: number | null;
  error: string | null;
}

/** Fed by the system feed hook; components only read it. */
export const useSystemStore = create<SystemState>()(() => ({
  connection: 'connecting',
  info: null,
  status: null,
  latencyMs: null,
  error: null,
}));
