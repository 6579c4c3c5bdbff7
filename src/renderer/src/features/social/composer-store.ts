import { create } from 'zustand';
import type { FieldErrors } from '../../api/field-errors';
import type { IdeaFields } from './trade-idea';

interface ComposerState {
  text: string;
  /** Open while writing (or with something written); a one-line box otherwise. */
  expanded: boolean;
  ideaOn: boolean;
  idea: IdeaFields;
  /** The attached chart as a data URL, under the hub's size limit. */
  image: string | null;
  errors: FieldErrors;
  /** A problem not tied to a field (the hub refused, not signed in). */
  failure: string | null;
  busy: boolean;
  /** Bumped to move the keyboard focus into the composer (the palette's "Write a post"). */
  focusRequest: number;
  set(change: Partial<Omit<ComposerState, 'set' | 'setIdea' | 'clear' | 'focus'>>): void;
  focus(): void;
  setIdea(change: Partial<IdeaFields>): void;
  /** After posting: empty again. */
  clear(): void;
}

const EMPTY_IDEA: IdeaFields = { symbol: '', side: 'long', entry: '', stop: '', target: '', timeframe: '1h' };

/** The post being written: it survives moving or closing the Feed panel. */
export const useComposer = create<ComposerState>()((set) => ({
  text: '',
  expanded: false,
  ideaOn: false,
  idea: EMPTY_IDEA,
  image: null,
  errors: {},
  failure: null,
  busy: false,
  focusRequest: 0,
  set: (change) => set(change),
  focus: () => set((s) => ({ expanded: true, focusRequest: s.focusRequest + 1 })),
  setIdea: (change) =>
    set((s) => {
      // Editing a field clears its error (and the pair's: a stop fixed by moving the entry).
      const cleared = Object.keys(change).some((k) => ['entry', 'stop', 'target', 'side'].includes(k)) ? ['entry', 'stop', 'target'] : Object.keys(change);
      return { idea: { ...s.idea, ...change }, errors: Object.fromEntries(Object.entries(s.errors).filter(([k]) => !cleared.includes(k.replace(/^idea\./, '')))) };
    }),
  clear: () => set({ text: '', expanded: false, ideaOn: false, idea: EMPTY_IDEA, image: null, errors: {}, failure: null, busy: false }),
}));
