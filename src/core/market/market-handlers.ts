import fs from 'node:fs';
import { ApiError, type Handlers } from '../../shared/contract';
import { toBarColumns } from '../../shared/market/bar-columns';
import { CsvImportError, parseBarsCsv } from '../../shared/market/csv/parse-bars-csv';
import type { Clock } from '../ports';
import type { MarketService } from './market-service';

export type MarketHandlers = Pick<Handlers, 'market.instruments' | 'market.bars' | 'market.importBars'>;

/** CSV files larger than this are refused before reading (≈ 5 million rows). */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export function createMarketHandlers(market: MarketService, clock: Clock): MarketHandlers {
  return {
    'market.instruments': ({ query }) => market.instruments(query),
    'market.bars': async ({ symbol, timeframe, before, limit, format }) => {
      const bars = await market.bars(symbol, timeframe, before, limit);
      return format === 'columns' ? toBarColumns(bars) : bars;
    },
    'market.importBars': ({ symbol, timeframe, path, text }) => {
      market.instrument(symbol);
      const csv = text ?? readCsvFile(path ?? '');
      let parsed: ReturnType<typeof parseBarsCsv>;
      try {
        parsed = parseBarsCsv(csv, { timeframe, now: clock.now() });
      } catch (error) {
        if (error instanceof CsvImportError) throw new ApiError('INVALID_PARAMS', error.message, { fields: [{ path: path ? 'path' : 'text', message: error.message }], line: error.line });
        throw error;
      }
      market.importBars(symbol, timeframe, parsed.bars);
      return { imported: parsed.bars.length, from: parsed.bars[0]!.time, to: parsed.bars.at(-1)!.time, layout: parsed.layout };
    },
  };
}

function readCsvFile(file: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw new ApiError('INVALID_PARAMS', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { fields: [{ path: 'path', message: 'cannot read the file' }] });
  }
  if (size > MAX_IMPORT_BYTES) throw new ApiError('INVALID_PARAMS', `${file} is ${Math.round(size / 1024 / 1024)} MiB; the import limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`, { fields: [{ path: 'path', message: 'file too large' }] });
  return fs.readFileSync(file, 'utf8');
}
