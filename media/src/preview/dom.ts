/**
 * A small helper to build DOM nodes. Every text goes in through textContent, so a layer called
 * `<img src=x onerror=alert(1)>` stays those characters: nothing from the file is parsed as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the preview page has no #${id}`);
  return node as T;
}

/** A coloured square, as in a legend (colour set through the CSSOM, which the CSP allows). */
export function swatch(colour: string, dashed = false): HTMLSpanElement {
  const s = el('span', dashed ? 'swatch dashed' : 'swatch');
  s.style.borderColor = colour;
  if (!dashed) s.style.backgroundColor = colour;
  return s;
}
