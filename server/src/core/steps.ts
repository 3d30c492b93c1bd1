/**
 * Work split into steps: a generator that pauses (yields) between pieces so a caller can answer
 * other requests or give up in between, and returns its result when done.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the remaining steps at once. */
export function finishSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
