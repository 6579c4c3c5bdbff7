/** One benchmark: `run` returns samples — latencies in ms, or throughputs in `unit`. */
export interface Benchmark {
  name: string;
  unit: string;
  /** `latency`: lower is better; `throughput`: higher is better. */
  kind: 'latency' | 'throughput';
  /** The target, shown in the table. */
  target?: { stat: 'median' | 'p99'; value: number };
  /** Samples of this benchmark, or several named results when one run measures more than one thing. */
  run(): Promise<number[] | NamedSamples[]>;
}

/** What a benchmark's results are called and judged by, without how to run it. */
export type BenchSpec = Pick<Benchmark, 'name' | 'unit' | 'kind' | 'target'>;

export interface NamedSamples extends BenchSpec {
  samples: number[];
}

export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  p99: number;
  n: number;
}

/** Nearest-rank percentile of sorted-ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/**
 * Median and p99 of the samples. For a throughput the p99 is the tail that matters — the rate
 * 99 % of runs reach or beat (the 1st percentile).
 */
export function summarise(bench: Pick<Benchmark, 'name' | 'unit' | 'kind'>, samples: number[]): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name: bench.name,
    unit: bench.unit,
    median: percentile(sorted, 50),
    p99: bench.kind === 'latency' ? percentile(sorted, 99) : percentile(sorted, 1),
    n: samples.length,
  };
}
