/** Small timing helpers for the benchmark: figures are printed, never asserted. */
import { performance } from 'node:perf_hooks';

export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** Runs fn `runs` times after `warmup` unmeasured runs; returns the sorted durations in ms. */
export function timeRuns(fn: (i: number) => void, runs: number, warmup = 5): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

export function section(title: string): void {
  console.log(`\n== ${title}`);
}
