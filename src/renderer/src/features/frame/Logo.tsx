/** The IST mark: a rising candle pair inside a rounded square. */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect x="1" y="1" width="30" height="30" rx="7" fill="var(--accent)" />
      <path d="M10 8v16M22 6v18" stroke="var(--accent-ink)" strokeWidth="2" strokeLinecap="round" />
      <rect x="7.5" y="13" width="5" height="8" rx="1" fill="var(--accent-ink)" />
      <rect x="19.5" y="9" width="5" height="10" rx="1" fill="var(--accent-ink)" />
    </svg>
  );
}
