// UI checks of the net analysis (issue 4): what a user sees of the filler diagnostics, their quick
// fixes, the hovers, the analysed phase and net wiring errors. Called by ui-checks.mjs on the same
// page and workspace, before the preview checks. Every edit a check makes is undone (Ctrl+Z), and
// the analysed phase is set back to TRAIN, so the checks after these see the files as shipped.
// Expected titles and texts are the server's: server/src/core/lint/*.ts, features/*-hover.ts.
import fs from 'node:fs';
import path from 'node:path';
import { eventually } from './lib/checks.mjs';
import { RESULTS_DIR } from './lib/paths.mjs';
import {
  chooseQuickFix, clearProblemsFilter, dismissHover, editorLineText, focusActiveEditor, goToLine, hoverWord, openFile, pickQuickItem,
  problemsByFile, runCommand, squiggleLines, statusBarEntry, wordCentreOnLine,
} from './lib/workbench.mjs';

const FILLERS = 'filler-mistakes.prototxt';
const WIRING = 'phase-wiring.prototxt';
const PHASE_ITEM = 'prototxtLens.phase';

export async function analysisChecks({ page, check, log, workspace }) {
  /** 1-based line of the first line containing `needle` at or after the first line containing `after`. */
  const lineOf = (name, needle, after) => {
    const lines = fs.readFileSync(path.join(workspace, name), 'utf8').split('\n');
    const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
    const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
    if (from < 0 || i < 0) throw new Error(`"${needle}" not in ${name}`);
    return i + 1;
  };
  const stdLine = lineOf(FILLERS, 'std: 0.01');
  const conv1Param = lineOf(FILLERS, 'convolution_param {', 'name: "conv1"');
  const xaiverLine = lineOf(FILLERS, '"xaiver"');

  /** The Problems rows of `file` after filtering by `filter` (a code), waiting until `accept` holds. */
  const rowsOf = (file, filter, accept, message) => eventually(async () => {
    const rows = (await problemsByFile(page, filter))[file] ?? [];
    if (!accept(rows)) throw new Error(`rows of ${file} for "${filter}": ${JSON.stringify(rows)}`);
    return rows;
  }, { timeout: 20000, message });

  /** A squiggle of `severity` on 1-based `line` covering exactly `under` (the line must be on screen). */
  const squiggleUnder = async (severity, line, under) => {
    const text = await editorLineText(page, line);
    return eventually(async () => {
      const marks = await squiggleLines(page, severity);
      const hit = marks.find((m) => m.line === text && m.under.trim() === under);
      if (!hit) throw new Error(`${severity} squiggles on: ${JSON.stringify(marks)}`);
      return hit;
    }, { message: `no ${severity} squiggle under ${under} on line ${line}` });
  };
  const noSquiggleOn = async (severity, line) => {
    const text = await editorLineText(page, line);
    await eventually(async () => {
      const marks = (await squiggleLines(page, severity)).filter((m) => m.line === text);
      if (marks.length) throw new Error(JSON.stringify(marks));
    }, { message: `the ${severity} squiggle on line ${line} stays` });
  };

  /** Puts the cursor on `word` of `line` (a click, as a user would) and chooses the quick fix `title`. */
  const quickFixAt = async (line, word, title) => {
    await goToLine(page, line);
    const at = await wordCentreOnLine(page, line, word);
    await page.mouse.click(at.x, at.y);
    // The lightbulb shows for a line with a fix (an autofix bulb for a preferred one).
    await page.locator('.lightBulbWidget:visible').first().waitFor({ timeout: 10000 });
    const offered = await chooseQuickFix(page, title);
    log(`    quick fixes offered: ${JSON.stringify(offered)}`);
  };

  /** Undoes the check's edit (one Ctrl+Z, when there is one) and waits for the original text of `line`. */
  const undoTo = async (line, original) => {
    await goToLine(page, line);
    if ((await editorLineText(page, line)) === original) return;
    await page.keyboard.press('Control+Z');
    await eventually(async () => {
      if ((await editorLineText(page, line)) !== original) throw new Error(JSON.stringify(await editorLineText(page, line)));
    }, { timeout: 5000, message: `undo did not restore line ${line}` });
  };

  // The file may be open already and scrolled: wait for its tab, not for a word at its top.
  const openFillers = () => openFile(page, FILLERS, undefined, { pin: true });

  await check('filler-diagnostics-in-editor', async () => {
    await openFillers();
    try {
      // filler-scale: a warning on "std: 0.01" of conv2, ahead of a ReLU.
      const scale = await rowsOf(FILLERS, 'filler-scale', (r) => r.length === 1, 'no filler-scale row');
      log(`    problems row: ${JSON.stringify(scale[0].text)}`);
      if (scale[0].line !== stdLine) throw new Error(`filler-scale row is not at line ${stdLine}: ${scale[0].text}`);
      if (!/Var\(W\) = 0\.0001, 69\.44× smaller than the 0\.006944 recommended ahead of ReLU/.test(scale[0].text)) {
        throw new Error(`filler-scale row does not give the numbers: ${scale[0].text}`);
      }
      // missing-weight-filler: a warning on conv1's convolution_param.
      const missing = await rowsOf(FILLERS, 'missing-weight-filler', (r) => r.length === 1, 'no missing-weight-filler row');
      if (missing[0].line !== conv1Param || !/Layer "conv1" \(Convolution\) has no weight_filler/.test(missing[0].text)) {
        throw new Error(`missing-weight-filler row: ${missing[0].text} (want line ${conv1Param})`);
      }
      // unknown-filler-type: an error on "xaiver".
      const unknown = await rowsOf(FILLERS, 'unknown-filler-type', (r) => r.length === 1, 'no unknown-filler-type row');
      if (unknown[0].line !== xaiverLine || !/Unknown filler name: xaiver\..*Did you mean "xavier"\?/.test(unknown[0].text)) {
        throw new Error(`unknown-filler-type row: ${unknown[0].text} (want line ${xaiverLine})`);
      }
      // The squiggles under the right words, each line shown through Go to Line.
      await goToLine(page, stdLine);
      await squiggleUnder('warning', stdLine, 'std: 0.01');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'filler-warning.png') });
      await goToLine(page, conv1Param);
      await squiggleUnder('warning', conv1Param, 'convolution_param');
      await goToLine(page, xaiverLine);
      await squiggleUnder('error', xaiverLine, '"xaiver"');
    } finally {
      await clearProblemsFilter(page);
    }
  });

  /**
   * Chooses the quick fix `title` at `word` of `line`, sees the line become `after` and the `code`
   * diagnostic leave Problems and the line's squiggles, then undoes the fix.
   */
  const fixRewritesLine = async ({ line, word, title, after, code, severity }) => {
    await openFillers();
    await goToLine(page, line);
    const original = await editorLineText(page, line);
    try {
      await quickFixAt(line, word, title);
      await eventually(async () => {
        const now = await editorLineText(page, line);
        if (now !== after) throw new Error(JSON.stringify(now));
      }, { message: `line ${line} did not become ${JSON.stringify(after)}` });
      await rowsOf(FILLERS, code, (r) => r.length === 0, `the ${code} ${severity} stays in Problems`);
      await noSquiggleOn(severity, line);
      await page.screenshot({ path: path.join(RESULTS_DIR, `quick-fix-${code}.png`) });
    } finally {
      await clearProblemsFilter(page);
      await undoTo(line, original);
    }
  };

  await check('quick-fix-use-msra', () => fixRewritesLine({
    line: stdLine, word: 'std', title: 'Use msra (Var 2/fan_in = 0.006944)',
    after: '    weight_filler { type: "msra" }', code: 'filler-scale', severity: 'warning',
  }));

  await check('quick-fix-add-weight-filler', async () => {
    await openFillers();
    const pad = lineOf(FILLERS, 'pad: 1', 'name: "conv1"');
    await goToLine(page, pad + 1);
    const closing = await editorLineText(page, pad + 1);
    try {
      // conv1: 3 inputs × 3×3 → fan_in 27, 2/27 = 0.07407, a ReLU follows.
      await quickFixAt(conv1Param, 'convolution_param', 'Add weight_filler msra (Var 2/fan_in = 0.07407): ReLU follows');
      await goToLine(page, pad + 1);
      await eventually(async () => {
        const lines = [await editorLineText(page, pad), await editorLineText(page, pad + 1), await editorLineText(page, pad + 2)];
        const want = ['    pad: 1', '    weight_filler { type: "msra" }', '  }'];
        if (JSON.stringify(lines) !== JSON.stringify(want)) throw new Error(`lines ${pad}-${pad + 2}: ${JSON.stringify(lines)}`);
      }, { message: 'no indented weight_filler line after pad: 1' });
      await rowsOf(FILLERS, 'missing-weight-filler', (r) => r.length === 0, 'the missing-weight-filler warning stays in Problems');
    } finally {
      await clearProblemsFilter(page);
      await undoTo(pad + 1, closing);
    }
  });

  await check('quick-fix-xaiver-to-xavier', () => fixRewritesLine({
    line: xaiverLine, word: 'xaiver', title: 'Change to "xavier"',
    after: '    weight_filler { type: "xavier" }', code: 'unknown-filler-type', severity: 'error',
  }));

  /** Hovers `word` on `line` until a hover with `marker` shows; fails unless it has every text of `want`. */
  const hoverShows = async (line, word, marker, want, shot) => {
    await openFillers();
    await goToLine(page, line);
    const text = (await hoverWord(page, await wordCentreOnLine(page, line, word), marker)).replace(/\s+/g, ' ');
    log(`    hover: ${JSON.stringify(text.slice(0, 160))}`);
    if (shot) await page.screenshot({ path: path.join(RESULTS_DIR, shot) });
    await dismissHover(page);
    const missing = want.filter((w) => !text.includes(w));
    if (missing.length) throw new Error(`the hover lacks ${JSON.stringify(missing)}: ${JSON.stringify(text)}`);
  };

  // conv2: 32×32×3×3 weights, fan_in = fan_out = 288 (filler.hpp: count/shape(0), count/shape(1)).
  await check('hover-filler-table', () => hoverShows(stdLine, 'weight_filler', 'fan_out', [
    'weight_filler of conv2 (Convolution): weight 32×32×3×3', 'fan_in 288', 'fan_out 288', 'variance 0.0001',
    'Caffe xavier 1/n (FAN_IN, n = 288) 0.003472 34.72×', 'Glorot 2/(fan_in+fan_out) 0.003472 34.72×', 'He 2/fan_in 0.006944 69.44×',
  ], 'hover-filler.png'));

  await check('hover-layer-shapes', () => hoverShows(lineOf(FILLERS, 'name: "conv2"'), 'conv2', 'Learnable parameters', [
    'conv2 (Convolution)', 'Top: conv2 32×32×32×32', 'weight 32×32×3×3 9216', 'Learnable parameters: 9248',
  ]));

  // conv2 reads the output of relu1, which ran in place over conv1's.
  await check('hover-bottom-blob', () => hoverShows(lineOf(FILLERS, 'bottom: "conv1"', 'name: "conv2"'), 'conv1', 'Produced by', [
    'Blob conv1: 32×32×32×32', 'Produced by relu1 (ReLU), in place over the output of conv1.',
  ]));

  const lableLine = lineOf(WIRING, 'bottom: "lable"');
  const scoreLine = lineOf(WIRING, 'bottom: "score"');

  await check('problems-net-wiring-error', async () => {
    await openFile(page, WIRING, 'PhaseWiring', { pin: true });
    try {
      const rows = await rowsOf(WIRING, 'unknown-bottom', (r) => r.length === 1, 'no unknown-bottom row');
      log(`    problems row: ${JSON.stringify(rows[0].text)}`);
      // Caffe's words (src/caffe/net.cpp): Unknown bottom blob '…' (layer '…', bottom index N)
      if (!rows[0].text.includes("Unknown bottom blob 'lable' (layer 'loss', bottom index 1). Did you mean 'label'?")) {
        throw new Error(`row: ${rows[0].text}`);
      }
      if (rows[0].line !== lableLine) throw new Error(`row is not at line ${lableLine}: ${rows[0].text}`);
      await goToLine(page, lableLine);
      await squiggleUnder('error', lableLine, '"lable"');
    } finally {
      await clearProblemsFilter(page);
    }
  });

  await check('phase-status-bar-and-command', async () => {
    await openFile(page, WIRING, undefined, { pin: true });
    const shows = (phase) => eventually(async () => {
      const item = statusBarEntry(page, PHASE_ITEM);
      const text = (await item.isVisible()) ? await item.innerText() : null;
      if (!text?.includes(phase)) throw new Error(`the status bar shows ${JSON.stringify(text)}`);
    }, { message: `the phase item does not show ${phase}` });
    const wiring = (seen, gone) => eventually(async () => {
      const rows = (await problemsByFile(page, 'unknown-bottom'))[WIRING] ?? [];
      const has = (blob) => rows.some((r) => r.text.includes(`Unknown bottom blob '${blob}'`));
      if (!has(seen) || has(gone)) throw new Error(JSON.stringify(rows));
      return rows;
    }, { timeout: 20000, message: `Problems does not show '${seen}' without '${gone}'` });
    let switched = false;
    try {
      await shows('TRAIN');
      await wiring('lable', 'score');
      await focusActiveEditor(page);
      // The palette command asks with a quick pick.
      await runCommand(page, 'Prototxt Lens: Set Analysed Phase', { pick: 'TEST' });
      switched = true;
      await shows('TEST');
      const rows = await wiring('score', 'lable');
      const score = rows.find((r) => r.text.includes("Unknown bottom blob 'score' (layer 'accuracy', bottom index 0)"));
      if (!score || score.line !== scoreLine) throw new Error(`the TEST error is not at line ${scoreLine}: ${JSON.stringify(rows)}`);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'phase-test.png') });
      // Back to TRAIN through the status-bar item, the other way in.
      await statusBarEntry(page, PHASE_ITEM).click();
      await pickQuickItem(page, 'TRAIN');
      switched = false;
      await shows('TRAIN');
      await wiring('lable', 'score');
    } finally {
      await clearProblemsFilter(page);
      if (switched) await runCommand(page, 'Prototxt Lens: Set Analysed Phase', { pick: 'TRAIN' }).catch(() => {});
    }
  });
}
