import { describe, expect, it } from 'vitest';
import { filterCommands, type Command } from '../../../src/renderer/src/features/command-palette/commands';
import { formatClock, formatDate, formatDuration } from '../../../src/renderer/src/features/frame/format-time';
import { formatBytes } from '../../../src/renderer/src/features/system/system-actions';

const cmd = (id: string, group: string, title: string): Command => ({ id, group, title, run: () => {} });
const all = [cmd('a', 'View', 'Switch to light theme'), cmd('b', 'Profile', 'Back up profile database'), cmd('c', 'View', 'Reset layout')];

describe('command palette filtering', () => {
  it('matches every word of the query in any order, ignoring case', () => {
    expect(filterCommands(all, 'BACK data').map((c) => c.id)).toEqual(['b']);
    expect(filterCommands(all, 'view').map((c) => c.id)).toEqual(['a', 'c']);
    expect(filterCommands(all, '  ').map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(filterCommands(all, 'sell')).toEqual([]);
  });
});

describe('frame formatting', () => {
  const t = Date.UTC(2026, 10, 25, 3, 4, 5);
  it('shows UTC time and date for the exchange clock', () => {
    expect(formatClock(t, 'utc')).toBe('03:04:05');
    expect(formatDate(t, 'utc')).toBe('2026-11-25');
  });
  it('shows durations compactly', () => {
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3h 07m');
    expect(formatDuration(2 * 86400 + 5 * 3600)).toBe('2d 5h');
  });
  it('shows sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(16 * 1024 + 100)).toBe('16.1 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
