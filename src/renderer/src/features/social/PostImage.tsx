import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { loadImage, useImages } from './image-store';

/** A post's chart snapshot, fetched only once the post scrolls into view. Click to see it full size. */
export function PostImage({ imageId, alt }: { imageId: string; alt: string }) {
  const api = useApi();
  const entry = useImages((s) => s.byId[imageId]);
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  const [zoom, setZoom] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((items) => {
      if (items.some((i) => i.isIntersecting)) setSeen(true);
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);

  useEffect(() => {
    if (seen && !entry) void loadImage(api, imageId);
  }, [api, imageId, seen, entry]);

  return (
    <div ref={box} className="post-image" data-testid="post-image" data-state={entry?.status ?? 'waiting'}>
      {entry?.status === 'ready' ? (
        <button type="button" className="post-image-button" onClick={() => setZoom(true)} aria-label={`${alt}: show full size`}>
          <img src={entry.dataUrl} alt={alt} loading="lazy" decoding="async" />
        </button>
      ) : entry?.status === 'error' ? (
        <button type="button" className="post-image-missing" onClick={() => void loadImage(api, imageId)} title={entry.error}>
          Chart unavailable — retry
        </button>
      ) : (
        <span className="post-image-missing">Loading chart…</span>
      )}
      {zoom && entry?.status === 'ready' ? (
        <div className="modal-backdrop image-zoom" onMouseDown={() => setZoom(false)} onKeyDown={(e) => e.key === 'Escape' && setZoom(false)} role="dialog" aria-modal="true" aria-label={alt}>
          <img src={entry.dataUrl} alt={alt} />
          <button type="button" className="icon-button" autoFocus onClick={() => setZoom(false)} aria-label="Close">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
