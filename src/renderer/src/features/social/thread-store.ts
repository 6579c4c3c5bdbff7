import { create } from 'zustand';
import type { Comment } from '../../../../shared/social/social-types';

interface ThreadState {
  postId: string | null;
  comments: Comment[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  stale: boolean;
}

/** The open thread's comments (oldest first); its post lives in the feed store. */
export const useThread = create<ThreadState>()(() => ({ postId: null, comments: [], nextCursor: null, status: 'idle', error: null, stale: false }));
