/** How far back the trending tab looks. */
export const TRENDING_WINDOW_MS = 7 * 24 * 60 * 60_000;

/**
 * A post's trending score as of a moment: engagement (a comment counts twice a like, the post itself
 * once) decayed with age, `(1 + likes + 2·comments) / (ageHours + 2)^1.5`. A fresh post with no
 * reactions scores about 0.35; a day-old one needs ~40 likes to keep up with it.
 */
export function trendingScore(likes: number, comments: number, ageMs: number): number {
  const ageHours = Math.max(0, ageMs) / 3_600_000;
  return (1 + likes + 2 * comments) / Math.pow(ageHours + 2, 1.5);
}
