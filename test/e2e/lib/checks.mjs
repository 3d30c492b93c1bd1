// A small sequential check runner for the UI checks: each check is a named async function that
// throws on failure; a failing check leaves a screenshot in the results folder and the run goes on.
import path from 'node:path';

export function createRunner({ page, shotsDir, log }) {
  const results = [];
  // E2E_UI_ONLY=<regex>: run only the checks whose names match (while working on a few of them).
  const only = process.env.E2E_UI_ONLY ? new RegExp(process.env.E2E_UI_ONLY) : null;
  async function check(name, fn) {
    if (only && !only.test(name)) return;
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      const shot = path.join(shotsDir, `fail-${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      results.push({ name, ok: false, ms: Date.now() - t0, error: String(err?.message ?? err) });
      log(`  ✗ ${name}: ${String(err?.message ?? err).split('\n')[0]}\n      screenshot: ${path.relative(process.cwd(), shot)}`);
    }
  }
  return { check, results };
}

export async function eventually(fn, { timeout = 15000, interval = 200, message } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try { return await fn(); } catch (err) { last = err; }
    if (Date.now() > deadline) throw new Error(`${message ?? 'condition not met'}: ${last?.message ?? last}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
