import fs from 'node:fs';
import path from 'node:path';
import { apiRoundtrip } from './api-roundtrip.bench';
import { summarise, type Benchmark, type BenchResult } from './bench-types';
import { marketAggregate, marketBarsQuery, syntheticYear } from './market.bench';
import { sqliteInsert } from './sqlite-insert.bench';

/** `npm run bench [-- name…]`: runs the benchmarks, prints a table, writes bench/results.json. */
const all: Benchmark[] = [apiRoundtrip, sqliteInsert, marketAggregate, marketBarsQuery, syntheticYear];
const only = process.argv.slice(2);
const selected = only.length > 0 ? all.filter((b) => only.includes(b.name)) : all;
const file = path.join(import.meta.dirname, 'results.json');

const fmt = (x: number): string => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4));

const results: BenchResult[] = [];
for (const bench of selected) {
  process.stdout.write(`running ${bench.name}… `);
  const samples = await bench.run();
  const result = summarise(bench, samples);
  results.push(result);
  process.stdout.write('done\n');
}

// Keep earlier figures of benchmarks not run this time, so a partial run does not erase them.
const previous: BenchResult[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult[]) : [];
const merged = [...previous.filter((p) => !results.some((r) => r.name === p.name)), ...results].sort((a, b) => a.name.localeCompare(b.name));
fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);

console.log('');
console.log(['name'.padEnd(26), 'unit'.padEnd(8), 'median'.padStart(14), 'p99'.padStart(14), 'n'.padStart(8), '  target'].join(' '));
for (const r of results) {
  const bench = selected.find((b) => b.name === r.name)!;
  let target = '';
  if (bench.target) {
    const value = r[bench.target.stat];
    const ok = bench.kind === 'latency' ? value < bench.target.value : value >= bench.target.value;
    target = `  ${bench.target.stat} ${bench.kind === 'latency' ? '<' : '≥'} ${fmt(bench.target.value)}: ${ok ? 'met' : 'MISSED'}`;
  }
  console.log([r.name.padEnd(26), r.unit.padEnd(8), fmt(r.median).padStart(14), fmt(r.p99).padStart(14), String(r.n).padStart(8), target].join(' '));
}
console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
