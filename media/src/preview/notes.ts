/**
 * What the analysis could not compute and how to fix it (no input shape, a Python layer …): shown
 * above the chart, or in its place when nothing at all can be plotted.
 */
import { byId, el } from './dom';

export interface Note {
  message: string;
  fix?: string;
}

export function showNotes(notes: Note[], title: string): void {
  const section = byId('notes');
  byId('notes-title').textContent = title;
  const items = notes.map((n) => {
    const li = el('li', 'note');
    li.append(el('span', 'note-message', n.message));
    if (n.fix) li.append(el('span', 'note-fix', n.fix));
    return li;
  });
  byId('notes-list').replaceChildren(...items);
  section.hidden = notes.length === 0;
}
