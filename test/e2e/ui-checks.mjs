// UI checks: what a user sees in VS Code for the Web with the packaged extension installed.
// Usage: node ui-checks.mjs <code-server url> <workspace folder>   (run.mjs starts everything)
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './lib/browser.mjs';
import { createRunner, eventually } from './lib/checks.mjs';
import { RESULTS_DIR } from './lib/paths.mjs';
import {
  activeEditor, dismissHover, focusEditor, hoverWord, openFile, openWorkbench, problemRows, runCommand, squiggleLines, statusBarLanguage,
  wordCentre,
} from './lib/workbench.mjs';
import { analysisChecks } from './analysis-checks.mjs';
import { previewChecks } from './preview-checks.mjs';

const [baseUrl, workspace] = process.argv.slice(2);
const t0 = Date.now();
const log = (msg) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

/** 1-based line of the first line of workspace file `name` containing `needle`. */
function lineNumber(name, needle) {
  const i = fs.readFileSync(path.join(workspace, name), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in ${name}`);
  return i + 1;
}

/** Colour of the token at the start of `text` on a visible line containing `lineText`, and the editor's default colour. */
async function tokenColour(page, lineText, text) {
  return page.evaluate(({ lineText, text }) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    const line = [...editor.querySelectorAll('.view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineText));
    if (!line) return null;
    const spans = [...line.querySelectorAll('span[class*="mtk"]')];
    const span = spans.find((s) => s.textContent.replace(/\u00a0/g, ' ').trim().startsWith(text))
      ?? spans.find((s) => s.textContent.includes(text));
    if (!span) return null;
    return { colour: getComputedStyle(span).color, cls: span.className, base: getComputedStyle(editor.querySelector('.view-lines')).color };
  }, { lineText, text });
}

/** All rows of a (virtualised) tree in a view pane, scrolling through it like a user would. */
async function outlineRows(page, pane) {
  const byIndex = new Map();
  const list = pane.locator('.monaco-list').first();
  await list.hover();
  for (let round = 0; round < 30; round++) {
    const before = byIndex.size;
    const rows = await pane.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      level: el.getAttribute('aria-level'),
      name: el.querySelector('.label-name')?.textContent?.trim(),
      detail: el.querySelector('.label-description')?.textContent?.trim() ?? '',
    })));
    for (const r of rows) byIndex.set(r.index, r);
    if (round > 0 && byIndex.size === before) break;
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(100);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

async function main() {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  const { check, results } = createRunner({ page, shotsDir: RESULTS_DIR, log });

  try {
    log(`opening ${baseUrl} on ${workspace}`);
    await openWorkbench(page, baseUrl, workspace);
    log('workbench ready');

    await check('prototxt-language-mode', async () => {
      await openFile(page, 'healthy.prototxt', 'TinyCifarNet');
      await eventually(async () => {
        const lang = await statusBarLanguage(page);
        if (!/prototxt/i.test(lang)) throw new Error(`status bar says "${lang}"`);
      }, { message: 'the status bar does not show the prototxt language' });
    });

    await check('syntax-colouring', async () => {
      await openFile(page, 'healthy.prototxt', 'TinyCifarNet');
      const samples = [
        ['field name', 'num_output: 32', 'num_output'],
        ['string', 'type: "Convolution"', 'Convolution'],
        ['number', 'num_output: 32', '32'],
        ['comment', '# A small classifier', '#'],
      ];
      await eventually(async () => {
        const plain = [];
        for (const [what, lineText, text] of samples) {
          const t = await tokenColour(page, lineText, text);
          if (!t) throw new Error(`no token for ${what}`);
          if (t.colour === t.base || /\bmtk1\b/.test(t.cls)) plain.push(`${what} (${t.cls} ${t.colour})`);
        }
        if (plain.length) throw new Error(`not coloured by the theme: ${plain.join(', ')}`);
      }, { timeout: 10000, message: 'syntax colouring missing' });
    });

    await check('hover-field-doc', async () => {
      await openFile(page, 'healthy.prototxt', 'TinyCifarNet');
      // The server may still be starting: hoverWord points again until the hover shows.
      const text = await hoverWord(page, await wordCentre(page, 'num_output: 32', 'num_output'), 'uint32');
      if (!/num_output/.test(text)) throw new Error(`hover does not name the field: ${JSON.stringify(text)}`);
      log(`    hover: ${JSON.stringify(text.slice(0, 120))}`);
      await dismissHover(page);
    });

    await check('outline-lists-layers', async () => {
      await openFile(page, 'healthy.prototxt', 'TinyCifarNet');
      await runCommand(page, 'Explorer: Focus on Outline View');
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /outline/i }) });
      const expected = ['input', 'conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'fc1', 'loss', 'accuracy'];
      const rows = await eventually(async () => {
        const top = (await outlineRows(page, pane)).filter((x) => x.level === '1');
        if (top.map((x) => x.name).join(' ') !== expected.join(' ')) throw new Error(`outline rows: ${JSON.stringify(top)}`);
        return top;
      }, { message: 'outline does not list the layers' });
      const conv1 = rows.find((x) => x.name === 'conv1');
      if (!/Convolution/.test(conv1.detail)) throw new Error(`outline row for conv1 does not show its type: ${JSON.stringify(conv1)}`);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'outline.png') });
    });

    await check('palette-inspect-net', async () => {
      await openFile(page, 'healthy.prototxt', 'TinyCifarNet');
      await focusEditor(page);
      await runCommand(page, 'Prototxt Lens: Inspect Net as JSON');
      await eventually(async () => {
        const lang = await statusBarLanguage(page);
        if (lang !== 'JSON') throw new Error(`active editor language is "${lang}"`);
      }, { message: 'no JSON editor opened' });
      await activeEditor(page).locator('.view-lines', { hasText: '"conv1"' }).waitFor({ timeout: 10000 });
      await page.screenshot({ path: path.join(RESULTS_DIR, 'inspect-json.png') });
    });

    await check('error-squiggle-on-field', async () => {
      await openFile(page, 'unknown-field.prototxt', 'ForkedBatchNorm');
      const marks = await eventually(async () => {
        const s = await squiggleLines(page);
        if (!s.length) throw new Error('no error squiggle');
        return s;
      }, { message: 'no squiggle' });
      const hit = marks.find((m) => m.line?.includes('bn_param {'));
      if (!hit) throw new Error(`squiggles on: ${JSON.stringify(marks)}`);
      if (!hit.under.includes('bn_param')) throw new Error(`squiggle covers ${JSON.stringify(hit.under)}, not the field name`);
    });

    await check('problems-panel-row', async () => {
      await openFile(page, 'unknown-field.prototxt', 'ForkedBatchNorm');
      const ln = lineNumber('unknown-field.prototxt', 'bn_param {');
      const row = await eventually(async () => {
        const r = (await problemRows(page)).find((t) => t.includes('no field named "bn_param"'));
        if (!r) throw new Error('no row');
        return r;
      }, { message: 'no Problems row for bn_param' });
      log(`    problems row: ${JSON.stringify(row)}`);
      if (!row.includes(`Ln ${ln},`)) throw new Error(`row is not at line ${ln}: ${row}`);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'problems.png') });
    });

    await check('problems-syntax-errors', async () => {
      await openFile(page, 'syntax-error.prototxt', 'SlipNet');
      const want = [lineNumber('syntax-error.prototxt', 'num_output 20'), lineNumber('syntax-error.prototxt', 'decay_mult: }')];
      await eventually(async () => {
        const rows = await problemRows(page);
        const file = rows.findIndex((r) => r.startsWith('syntax-error.prototxt'));
        if (file < 0) throw new Error(`no syntax-error.prototxt group in ${JSON.stringify(rows)}`);
        const lines = rows.slice(file + 1).map((r) => /\[Ln (\d+),/.exec(r)?.[1]).filter(Boolean).map(Number);
        const missing = want.filter((l) => !lines.includes(l));
        if (missing.length) throw new Error(`no rows at lines ${missing} (rows: ${JSON.stringify(rows)})`);
      }, { message: 'syntax errors missing from Problems' });
    });

    await check('healthy-has-no-problems', async () => {
      // Both files open (pinned): once unknown-field's rows are there, the server has answered for both.
      await openFile(page, 'healthy.prototxt', 'TinyCifarNet', { pin: true });
      await openFile(page, 'unknown-field.prototxt', 'ForkedBatchNorm', { pin: true });
      const rows = await eventually(async () => {
        const r = await problemRows(page);
        if (!r.some((t) => t.includes('bn_param'))) throw new Error('server has not answered');
        return r;
      });
      const healthy = rows.filter((r) => r.startsWith('healthy.prototxt'));
      if (healthy.length) throw new Error(`Problems lists healthy.prototxt: ${JSON.stringify(rows)}`);
      if (!(await page.locator('.editor-group-container .tab', { hasText: 'healthy.prototxt' }).count())) {
        throw new Error('healthy.prototxt is no longer open');
      }
    });

    await check('palette-restart-server', async () => {
      await openFile(page, 'unknown-field.prototxt', 'ForkedBatchNorm');
      await focusEditor(page);
      await runCommand(page, 'Prototxt Lens: Restart Language Server');
      // Type a new mistake: only a running (restarted) server can report it.
      const at = await wordCentre(page, 'name: "ForkedBatchNorm"', 'ForkedBatchNorm');
      await page.mouse.click(at.x, at.y);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('typed_after_restart: 1');
      await eventually(async () => {
        const rows = await problemRows(page);
        if (!rows.some((t) => t.includes('typed_after_restart'))) throw new Error(JSON.stringify(rows));
      }, { timeout: 20000, message: 'no diagnostic for the typed field after restart' });
      await page.keyboard.press('Control+Z');
    });

    await analysisChecks({ page, check, log, workspace });
    await previewChecks({ page, check, log, workspace, lineNumber });
  } catch (err) {
    log(`harness error: ${err.stack ?? err}`);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'fail-harness.png') }).catch(() => {});
    results.push({ name: 'harness', ok: false, error: String(err) });
  } finally {
    await browser.close();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  fs.writeFileSync(path.join(RESULTS_DIR, 'ui-results.json'), JSON.stringify(results, null, 2));
  console.log(`e2e-ui: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => { console.error(err); process.exit(2); });
