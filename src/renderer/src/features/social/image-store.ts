import { create } from 'zustand';
import type { ApiClient } from '../../api/api-client';
import { attempt } from './social-outcome';

type ImageEntry = { status: 'loading' } | { status: 'ready'; dataUrl: string } | { status: 'error'; error: string };

interface ImageState {
  byId: Readonly<Record<string, ImageEntry>>;
}

/** Chart snapshots by image id, fetched once when their post scrolls into view. */
export const useImages = create<ImageState>()(() => ({ byId: {} }));

/** Most images kept in memory; the oldest are dropped (they are cached by the core for reloading). */
const MAX_IMAGES = 60;

/** Fetches an image unless it is here or on its way. */
export async function loadImage(api: ApiClient, imageId: string): Promise<void> {
  const current = useImages.getState().byId[imageId];
  if (current && current.status !== 'error') return;
  const put = (entry: ImageEntry): void =>
    useImages.setState((s) => {
      const entries = Object.entries({ ...s.byId, [imageId]: entry });
      return { byId: Object.fromEntries(entries.slice(Math.max(0, entries.length - MAX_IMAGES))) };
    });
  put({ status: 'loading' });
  const res = await attempt(() => api.call('social.image', { imageId }));
  put(res.ok ? { status: 'ready', dataUrl: res.value.dataUrl } : { status: 'error', error: res.message });
}
