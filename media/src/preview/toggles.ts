/**
 * The toggles: one checkbox per scheme (with its colour, as a legend) and one per direction. The
 * choice is kept in the webview's saved state, so it survives hiding the panel and reloading.
 */
import type { SignalSeries } from '../../../server/src/protocol';
import type { PreviewState } from '../../../client/src/preview/webview-messages';
import { byId, el, swatch } from './dom';

export function fillSchemeToggles(series: SignalSeries[], state: PreviewState, colourOf: (scheme: string, i: number) => string,
  onChange: (scheme: string, shown: boolean) => void): void {
  const box = byId('schemes');
  const key = JSON.stringify(series.map((s) => [s.scheme, s.label]));
  // The same schemes as drawn already: keep the checkboxes (and the keyboard focus on them).
  if (box.dataset.key === key) {
    box.querySelectorAll<HTMLInputElement>('input[data-scheme]').forEach((input, i) => {
      input.checked = !state.hiddenSchemes.includes(input.dataset.scheme ?? '');
      const sw = input.nextElementSibling as HTMLElement | null;
      if (sw) sw.replaceWith(swatch(colourOf(series[i].scheme, i)));
    });
    return;
  }
  box.dataset.key = key;
  const legend = box.querySelector('legend');
  const items = series.map((s, i) => {
    const label = el('label', 'toggle');
    const input = el('input');
    input.type = 'checkbox';
    input.checked = !state.hiddenSchemes.includes(s.scheme);
    input.dataset.scheme = s.scheme;
    input.addEventListener('change', () => onChange(s.scheme, input.checked));
    label.append(input, swatch(colourOf(s.scheme, i)), document.createTextNode(s.label));
    return label;
  });
  box.replaceChildren(...(legend ? [legend] : []), ...items);
}

export function wireDirectionToggles(state: PreviewState, onChange: (forward: boolean, backward: boolean) => void): void {
  const forward = byId<HTMLInputElement>('show-forward');
  const backward = byId<HTMLInputElement>('show-backward');
  forward.checked = state.showForward;
  backward.checked = state.showBackward;
  const changed = () => onChange(forward.checked, backward.checked);
  forward.addEventListener('change', changed);
  backward.addEventListener('change', changed);
}
