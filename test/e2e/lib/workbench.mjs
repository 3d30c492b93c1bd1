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

/** Runs a command by its title from the Command Palette. */
export async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
}

/** Screen centre of `word` on the first visible editor line that contains `lineText`. */
export async function wordCentre(page, lineText, word) {
  return eventually(async () => {
    const box = await page.evaluate(({ sel, lineText, word }) => {
      const editor = document.querySelector(sel);
      const lines = [...(editor?.querySelectorAll('.view-line') ?? [])];
      const line = lines.find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineText));
      if (!line) return null;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.replace(/\u00a0/g, ' ').indexOf(word);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + word.length);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    }, { sel: ACTIVE_EDITOR, lineText, word });
    if (!box) throw new Error(`"${word}" in a line with "${lineText}" is not on screen`);
    return box;
  }, { timeout: 10000, message: 'word not found' });
}

/** Text of the visible editor line that each error squiggle sits on. */
export async function squiggleLines(page) {
  return page.evaluate((sel) => {
    const editor = document.querySelector(sel);
    if (!editor) return [];
    const lines = [...editor.querySelectorAll('.view-line')].map((el) => ({ el, rect: el.getBoundingClientRect(), text: el.textContent.replace(/\u00a0/g, ' ') }));
    return [...editor.querySelectorAll('.squiggly-error')].map((s) => {
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
  }, ACTIVE_EDITOR);
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

/** The language shown in the status bar for the active editor. */
export async function statusBarLanguage(page) {
  return (await page.locator('#status\\.editor\\.mode').innerText()).trim();
}

/** The document inside the active webview panel (for the preview checks of later issues). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
