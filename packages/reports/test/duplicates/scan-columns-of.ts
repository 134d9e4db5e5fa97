import { DealDuplicateEngine, type DealRecord } from '@gongfu/reports';
import { DealPreparer } from '../../src/duplicates/prepared-deal.js';
import { ScanColumns } from '../../src/duplicates/scan-columns.js';

/** The scan's columns over a corpus, with the weights the engine estimated (lines read by co-occurrence). */
export function columnsOf(records: readonly DealRecord[]) {
  const engine = new DealDuplicateEngine(records);
  engine.weights();
  const preparer = new DealPreparer();
  const deals = records.map((r) => preparer.prepare(r));
  return { deals, stats: engine.stats, columns: new ScanColumns(deals, engine.stats) };
}
