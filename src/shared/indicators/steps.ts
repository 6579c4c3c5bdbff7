import type { Bar } from '../market/bar';
import type { IndicatorCalculator } from './indicator';

/**
 * An indicator split into a pure `evaluate` and a state-changing `commit`, so the newest input can
 * be revised: the state only ever holds finished inputs, and the forming one is evaluated on top.
 */
export interface Steps<In, Out> {
  /** The value for `input` following every committed input; must not change any state. */
  evaluate(input: In): Out | null;
  /** Folds a finished input into the state. */
  commit(input: In): void;
}

/**
 * An {@link IndicatorCalculator} over `steps`. The last bar is committed only when the next one is
 * pushed, so `updateLast` is one `evaluate` and gives bit-for-bit what a `push` of the final bar
 * would have.
 */
export function calculatorFromSteps<Out>(steps: Steps<Bar, Out>): IndicatorCalculator<Out> {
  let last: Bar | undefined;
  return {
    push(bar) {
      if (last) steps.commit(last);
      // A copy, so a caller mutating its forming bar in place cannot change what gets committed.
      last = { ...bar };
      return steps.evaluate(bar);
    },
    updateLast(bar) {
      last = { ...bar };
      return steps.evaluate(bar);
    },
  };
}
