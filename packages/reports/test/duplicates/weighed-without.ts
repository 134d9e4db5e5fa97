import { DealDuplicateEngine, type DuplicateWeights } from '@gongfu/reports';

/**
 * The engine's deals weighed with its estimate less one figure: what an estimate stored before that
 * figure existed reads, for tests of the reading the figure adds and of the readings around it.
 */
export function weighedWithout(
  engine: DealDuplicateEngine,
  figure: keyof DuplicateWeights,
): DealDuplicateEngine {
  const { [figure]: _, ...weights } = engine.weights();
  return new DealDuplicateEngine(
    Array.from({ length: engine.size }, (_, i) => engine.recordAt(i)),
    { weights: weights as DuplicateWeights },
  );
}
