import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/fs/write-file-atomic';

const boundsSchema = z.object({
  x: z.int(),
  y: z.int(),
  width: z.int().min(400),
  height: z.int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof boundsSchema>;

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW = { width: 1600, height: 960 } as const;

/** Reads saved bounds; anything unreadable, or off every display now attached, is ignored. */
export function loadWindowState(file: string, displays: readonly DisplayArea[]): WindowState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = boundsSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  const visible = displays.some((d) => s.x < d.x + d.width - 50 && s.x + s.width > d.x + 50 && s.y >= d.y - 10 && s.y < d.y + d.height - 50);
  return visible ? s : undefined;
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, JSON.stringify(state), 0o644);
}
