/** Mid-tone colours that read well under white initials on a dark or light theme. */
export const AVATAR_COLORS = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#f97316', '#6366f1', '#84cc16', '#06b6d4', '#d946ef'] as const;

/** The same pleasant colour for the same username, spread over the palette. */
export function avatarColorFor(username: string): string {
  let h = 2166136261;
  for (let i = 0; i < username.length; i++) h = Math.imul(h ^ username.charCodeAt(i), 16777619);
  return AVATAR_COLORS[(h >>> 0) % AVATAR_COLORS.length]!;
}
