import { create } from 'zustand';

export interface ActivityEntry {
  id: number;
  time: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

interface ActivityState {
  entries: ActivityEntry[];
  add(level: ActivityEntry['level'], text: string): void;
}

const MAX_ENTRIES = 500;
let nextId = 1;

/** What happened in this session, newest first: connection changes, actions and their outcome. */
export const useActivity = create<ActivityState>()((set, get) => ({
  entries: [],
  add(level, text) {
    set({ entries: [{ id: nextId++, time: Date.now(), level, text }, ...get().entries].slice(0, MAX_ENTRIES) });
  },
}));
