import type { DockviewApi } from 'dockview-react';
import { create } from 'zustand';

interface WorkspaceState {
  dock: DockviewApi | null;
}

/** The docking layout's API, once it is mounted, for commands that open or focus panels. */
export const useWorkspace = create<WorkspaceState>()(() => ({ dock: null }));
