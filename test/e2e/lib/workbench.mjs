// What a user does in VS Code for the Web, as playwright steps: open the workbench on a folder,
// open a file from the Explorer, run a palette command, point at a word, read the Problems panel.
import { eventually } from './checks.mjs';

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';
const nbsp = /\u00a0/g;

export async function openWorkbench(page, baseUrl, folder) {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
}

export function activeEditor(page) {
  return page.locator(ACTIVE_EDITOR).first();
}

/** Opens `name` by clicking it in the Explorer, and waits for its tab and its text. */
export async function openFile(page, name, expectText, { pin = false } = {}) {
  const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  // A single click opens a preview tab that the next file replaces (closing this one);
  // a double click keeps it open.
  await (pin ? item.dblclick() : item.click());
  await page.locator('.editor-group-container.active .tab.active', { hasText: name }).first().waitFor({ timeout: 15000 });
  if (expectText) await activeEditor(page).locator('.view-lines', { hasText: expectText }).waitFor({ timeout: 15000 });
}

export async function focusEditor(page) {
  await activeEditor(page).locator('.view-lines').click({ position: { x: 5, y: 5 } });
}

/**
 * Focuses the active editor through its tab, without clicking into the text (a click at a fixed
 * point of a scrolled editor would scroll it), in whichever editor group it is.
 */
export async function focusActiveEditor(page) {
  await page.locator('.editor-group-container.active .tab.active').first().click();
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 5000 });
}

/**
 * Runs a command by its title from the Command Palette. With `pick`, the command asks with a quick
 * pick: choose the item whose label is `pick` in it.
 */
export async function runCommand(page, title, { pick } = {}) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  if (pick !== undefined) await pickQuickItem(page, pick);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
}

/** Screen centre of `word` on the first visible editor line that contains `lineText`. */
export async function wordCentre(page, lineText, word) {
  return eventually(async () => {
    const centre = (await shownLine(page, { lineText }, word))?.centre;
    if (!centre) throw new Error(`"${word}" in a line with "${lineText}" is not on screen`);
    return centre;
  }, { timeout: 10000, message: 'word not found' });
}

/** In an open quick pick, clicks the item whose label is exactly `label`. */
export async function pickQuickItem(page, label) {
  const item = page.locator('.quick-input-widget:visible .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first();
  await item.waitFor({ timeout: 10000 });
  await item.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
}

/** Moves the cursor to a 1-based line with Go to Line (Ctrl+G), which also scrolls it into view. */
export async function goToLine(page, line) {
  await focusActiveEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
  await eventually(async () => {
    if ((await editorLineText(page, line)) === null) throw new Error(`line ${line} is not on screen`);
  }, { timeout: 5000, message: 'Go to Line did not reveal the line' });
}

/**
 * A line of the active editor as shown: its text (indentation as spaces) and, when `word` is on it,
 * the screen centre of its first occurrence; null when the line is not on screen. The line is
 * `{ line }` (1-based, matched through the line numbers in the gutter) or `{ lineText }` (the first
 * visible line containing that text).
 */
async function shownLine(page, { line, lineText }, word) {
  return page.evaluate(({ sel, line, lineText, word }) => {
    const editor = document.querySelector(sel);
    const views = [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])];
    let view;
    if (lineText !== undefined) {
      view = views.find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineText));
    } else {
      const number = [...(editor?.querySelectorAll('.margin-view-overlays .line-numbers') ?? [])]
        .find((n) => n.textContent.trim() === String(line));
      view = number && views.find((l) => l.style.top === number.parentElement.style.top);
    }
    if (!view) return null;
    const shown = { text: view.textContent.replace(/\u00a0/g, ' '), centre: null };
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); word && n && !shown.centre; n = walker.nextNode()) {
      const i = n.textContent.replace(/\u00a0/g, ' ').indexOf(word);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + word.length);
      const b = r.getBoundingClientRect();
      shown.centre = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return shown;
  }, { sel: ACTIVE_EDITOR, line, lineText, word });
}

/** The text of a 1-based line of the active editor as shown, or null when it is not on screen. */
export async function editorLineText(page, line) {
  return (await shownLine(page, { line }))?.text ?? null;
}

/** Screen centre of `word` on a 1-based line of the active editor (which must be on screen). */
export async function wordCentreOnLine(page, line, word) {
  return eventually(async () => {
    const centre = (await shownLine(page, { line }, word))?.centre;
    if (!centre) throw new Error(`"${word}" on line ${line} is not on screen`);
    return centre;
  }, { timeout: 10000, message: 'word not found' });
}

/**
 * Points at a word the way a user does (the editor reacts to movement, not to a jump) until a hover
 * containing `hasText` shows; moves off and back while the server has not answered yet.
 * Returns the hover's visible text.
 */
export async function hoverWord(page, at, hasText) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText }).first();
  await eventually(async () => {
    await page.mouse.move(at.x - 40, at.y + 40);
    await page.mouse.move(at.x, at.y, { steps: 5 });
    await hover.waitFor({ timeout: 3000 });
  }, { timeout: 30000, interval: 0, message: `no hover with ${hasText}` });
  return (await hover.innerText()).replace(/\u00a0/g, ' ');
}

/** Closes a hover: the mouse moves away and Escape. */
export async function dismissHover(page) {
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');
}

/**
 * Opens the Quick Fix menu at the cursor (Ctrl+.) and chooses the action titled `title` with the
 * keyboard (arrows, Enter), as a user does; the mouse is moved off the text first so that no
 * hover covers the menu. Returns the titles the menu offered. The menu is closed on failure.
 */
export async function chooseQuickFix(page, title) {
  await page.mouse.move(1, 1);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  const actions = menu.locator('.monaco-list-row.action');
  try {
    await actions.first().waitFor({ timeout: 10000 });
    const offered = (await actions.allInnerTexts()).map((t) => t.trim());
    if (!offered.includes(title)) throw new Error(`no quick fix "${title}"; the menu offers ${JSON.stringify(offered)}`);
    for (let i = 0; i <= offered.length; i++) {
      const focused = (await menu.locator('.monaco-list-row.action.focused').innerText().catch(() => '')).trim();
      if (focused === title) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 10000 });
    return offered;
  } catch (err) {
    if (await menu.isVisible().catch(() => false)) await page.keyboard.press('Escape');
    throw err;
  }
}

/** Text of the visible editor line that each squiggle of `severity` (error, warning, info) sits on. */
export async function squiggleLines(page, severity = 'error') {
  return page.evaluate(({ sel, severity }) => {
    const editor = document.querySelector(sel);
    if (!editor) return [];
    const lines = [...editor.querySelectorAll('.view-line')].map((el) => ({ el, rect: el.getBoundingClientRect(), text: el.textContent.replace(/\u00a0/g, ' ') }));
    return [...editor.querySelectorAll(`.squiggly-${severity}`)].map((s) => {
      const r = s.getBoundingClientRect();
      const mid = r.y + r.height / 2;
      const line = lines.find((l) => mid >= l.rect.top && mid <= l.rect.bottom);
      // The squiggle spans the diagnostic's range; return the text under it as well.
      let under = '';
      if (line) {
        const walker = document.createTreeWalker(line.el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.textContent.length; i++) {
            const rg = document.createRange();
            rg.setStart(n, i); rg.setEnd(n, i + 1);
            const c = rg.getBoundingClientRect();
            if (c.x + c.width / 2 >= r.left && c.x + c.width / 2 <= r.right) under += n.textContent[i];
          }
        }
      }
      return { line: line?.text ?? null, under: under.replace(/\u00a0/g, ' ') };
    });
  }, { sel: ACTIVE_EDITOR, severity });
}

/** Opens the Problems panel and returns its rows' texts. */
export async function problemRows(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: 10000 });
  }
  const rows = panel.locator('.monaco-list-row');
  return (await rows.allInnerTexts()).map((t) => t.replace(nbsp, ' ').replace(/\s+/g, ' ').trim());
}

/**
 * The Problems panel as a tree: per file (its header row) the rows of its markers, each with the
 * 1-based line from its "[Ln N, Col M]". With `filter`, types it into the panel's filter box first
 * (what a user does to find a code among many rows); `clearProblemsFilter` empties it again.
 */
export async function problemsByFile(page, filter) {
  await problemRows(page);
  if (filter !== undefined) {
    const box = problemsFilterBox(page);
    if ((await box.inputValue()) !== filter) {
      await box.fill(filter);
      await page.waitForTimeout(300); // the panel applies the filter after a short delay
    }
  }
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((el) => ({
    level: Number(el.getAttribute('aria-level')),
    text: el.innerText.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim(),
  })));
  const files = {};
  let current;
  for (const r of rows) {
    if (r.level === 1) {
      current = r.text.split(' ')[0];
      files[current] = [];
    } else if (current && r.level === 2) {
      files[current].push({ text: r.text, line: Number(/\[Ln (\d+),/.exec(r.text)?.[1] ?? NaN) });
    }
  }
  return files;
}

function problemsFilterBox(page) {
  return page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
}

export async function clearProblemsFilter(page) {
  const box = problemsFilterBox(page);
  // Only when there is text: filling '' presses Delete, which lands in the editor when the box
  // cannot take the focus.
  if ((await box.isVisible().catch(() => false)) && (await box.inputValue())) await box.fill('');
}

/** The status-bar entry an extension contributed with id `id` (its DOM id is `<extension id>.<id>`). */
export function statusBarEntry(page, id) {
  return page.locator(`.statusbar-item[id$=".${id}"]`).first();
}

/** The language shown in the status bar for the active editor. */
export async function statusBarLanguage(page) {
  return (await page.locator('#status\\.editor\\.mode').innerText()).trim();
}

/** The document inside the active webview panel (for the preview checks of later issues). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
