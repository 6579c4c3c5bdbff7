import fs from 'node:fs';
import path from 'node:path';
import { apiRoundtrip } from './api-roundtrip.bench';
import { chartFirstPaint, chartTickToPaint } from './chart.bench';
import { copyHub1000, copyInprocess, copyInprocess500 } from './copy.bench';
import { summarise, type Benchmark, type BenchResult, type NamedSamples } from './bench-types';
import { hubFanout5000, hubImport40000, leaderboardQuery10000 } from './hub.bench';
import { marketAggregate, marketBarsQuery, syntheticYear } from './market.bench';
import { metricsRecomputeOne } from './metrics.bench';
import { paperMatchingThroughput, paperPersistedThroughput, paperPlaceToAck } from './paper.bench';
import { serveRss16Panes } from './serve-rss.bench';
import { simBackfill } from './sim.bench';
import { sqliteInsert } from './sqlite-insert.bench';

/** `npm run bench [-- name…]`: runs the benchmarks, prints a table, writes bench/results.json. */
const all: Benchmark[] = [apiRoundtrip, sqliteInsert, marketAggregate, marketBarsQuery, syntheticYear, paperPlaceToAck, paperMatchingThroughput, paperPersistedThroughput, chartFirstPaint, chartTickToPaint, serveRss16Panes, metricsRecomputeOne, hubFanout5000, leaderboardQuery10000, hubImport40000, simBackfill, copyInprocess, copyInprocess500, copyHub1000];
const only = process.argv.slice(2);
const selected = only.length > 0 ? all.filter((b) => only.some((o) => b.name.startsWith(o))) : all;
const file = path.join(import.meta.dirname, 'results.json');

const fmt = (x: number): string => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4));

const results: BenchResult[] = [];
const described = new Map<string, Pick<Benchmark, 'kind' | 'target'>>();
for (const bench of selected) {
  process.stdout.write(`running ${bench.name}… `);
  const output = await bench.run();
  const named: NamedSamples[] = typeof output[0] === 'number' || output.length === 0 ? [{ ...bench, samples: output as number[] }] : (output as NamedSamples[]);
  for (const n of named) {
    results.push(summarise(n, n.samples));
    described.set(n.name, n);
  }
  process.stdout.write('done\n');
}

// Keep earlier figures of benchmarks not run this time, so a partial run does not erase them.
const previous: BenchResult[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult[]) : [];
const merged = [...previous.filter((p) => !results.some((r) => r.name === p.name)), ...results].sort((a, b) => a.name.localeCompare(b.name));
fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);

console.log('');
console.log(['name'.padEnd(26), 'unit'.padEnd(8), 'median'.padStart(14), 'p99'.padStart(14), 'n'.padStart(8), '  target'].join(' '));
for (const r of results) {
  const bench = described.get(r.name)!;
  let target = '';
  if (bench.target) {
    const value = r[bench.target.stat];
    const ok = bench.kind === 'latency' ? value < bench.target.value : value >= bench.target.value;
    target = `  ${bench.target.stat} ${bench.kind === 'latency' ? '<' : '≥'} ${fmt(bench.target.value)}: ${ok ? 'met' : 'MISSED'}`;
  }
  console.log([r.name.padEnd(26), r.unit.padEnd(8), fmt(r.median).padStart(14), fmt(r.p99).padStart(14), String(r.n).padStart(8), target].join(' '));
}
console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
