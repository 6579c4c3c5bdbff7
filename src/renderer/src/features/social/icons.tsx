import type { ReactNode } from 'react';

/** Small line icons drawn in the text colour (emoji fonts are missing on many Linux desktops). */
const Svg = ({ children, size = 13 }: { children: ReactNode; size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
    {children}
  </svg>
);

export const BellIcon = () => (
  <Svg size={14}>
    <path d="M4 11V7a4 4 0 0 1 8 0v4l1.2 1.5H2.8z" />
    <path d="M6.5 14h3" />
  </Svg>
);

export const HeartIcon = ({ filled = false }: { filled?: boolean }) => (
  <Svg>
    <path d="M8 13.5S2 10 2 6a3 3 0 0 1 6-1 3 3 0 0 1 6 1c0 4-6 7.5-6 7.5z" fill={filled ? 'currentColor' : 'none'} />
  </Svg>
);

export const CommentIcon = () => (
  <Svg>
    <path d="M2.5 3.5h11v7.5H7l-3 2.5V11H2.5z" />
  </Svg>
);

export const ChartIcon = () => (
  <Svg>
    <path d="M2 13.5h12" />
    <path d="M3 11l3.5-4 2.5 2.5L13.5 4" />
  </Svg>
);

export const CameraIcon = () => (
  <Svg>
    <path d="M2 5h3l1.2-1.8h3.6L11 5h3v8H2z" />
    <circle cx="8" cy="9" r="2.3" />
  </Svg>
);
