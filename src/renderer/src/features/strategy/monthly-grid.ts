/** One calendar month's return as the metrics give it (`YYYY-MM`, TWR of its return days). */
export interface MonthReturn {
  month: string;
  return: number;
  days: number;
}

export interface MonthCell {
  value: number;
  /** Return days in the month (partial first and last months have fewer). */
  days: number;
}

export interface MonthlyYear {
  year: number;
  /** January … December; null where the month has no return day. */
  months: Array<MonthCell | null>;
  /** The months compounded: Π(1 + r) − 1 over the months present. */
  total: number;
}

/** The monthly returns as a years × months table, newest year first. */
export function monthlyGrid(monthly: readonly MonthReturn[]): MonthlyYear[] {
  const years = new Map<number, MonthlyYear>();
  for (const m of monthly) {
    const match = /^(\d{4})-(\d{2})$/.exec(m.month);
    if (!match) continue;
    const year = Number(match[1]);
    const month = Number(match[2]) - 1;
    if (month < 0 || month > 11) continue;
    let row = years.get(year);
    if (!row) years.set(year, (row = { year, months: Array<MonthCell | null>(12).fill(null), total: 0 }));
    row.months[month] = { value: m.return, days: m.days };
  }
  const rows = [...years.values()].sort((a, b) => b.year - a.year);
  for (const row of rows) row.total = row.months.reduce((acc, c) => (c ? acc * (1 + c.value) : acc), 1) - 1;
  return rows;
}

/** How strongly a cell is tinted: 0 for flat, 1 from `full` (10 % a month) up. */
export function cellIntensity(value: number, full = 0.1): number {
  if (!Number.isFinite(value) || full <= 0) return 0;
  return Math.min(1, Math.abs(value) / full);
}

export const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
