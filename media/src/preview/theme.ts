/**
 * The chart in the editor's colours: VS Code sets its theme as CSS variables on the webview's
 * document (--vscode-*) and changes them when the user switches themes. The canvas cannot use CSS
 * variables, so their values are read here and read again on a theme change.
 */
import { color } from 'chart.js/helpers';

export interface Theme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  band: string;
  bandText: string;
  guide: string;
  fontFamily: string;
  fontSize: number;
  /** Line colour of the i-th series of an answer, by scheme. */
  seriesColour(scheme: string, index: number): string;
}

/** Scheme → theme chart colour; the file's own fillers stand out in orange. */
const SCHEME_COLOURS: Record<string, string> = {
  'as-written': 'orange',
  xavier: 'blue',
  msra: 'purple',
  glorot: 'yellow',
};
const SPARE_COLOURS = ['red', 'green', 'blue', 'purple', 'yellow', 'orange'];

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function withAlpha(c: string, alpha: number): string {
  const parsed = color(c);
  return parsed.valid ? parsed.alpha(alpha).rgbString() : c;
}

export function readTheme(root: HTMLElement = document.documentElement): Theme {
  const style = getComputedStyle(root);
  const v = (name: string, fallback: string) => cssVar(style, `--vscode-${name}`, fallback);
  const foreground = v('editor-foreground', v('foreground', '#cccccc'));
  const chart = (name: string) => v(`charts-${name}`, foreground);
  const size = parseFloat(v('font-size', '13px'));
  const good = v('charts-green', '#89d185');
  return {
    foreground,
    muted: v('descriptionForeground', withAlpha(foreground, 0.7)),
    grid: v('charts-lines', withAlpha(foreground, 0.15)),
    background: v('editor-background', '#1e1e1e'),
    band: withAlpha(good, 0.12),
    bandText: withAlpha(good, 0.9),
    guide: withAlpha(foreground, 0.35),
    fontFamily: v('font-family', 'sans-serif'),
    fontSize: Number.isFinite(size) ? size : 13,
    seriesColour(scheme, index) {
      const base = scheme.startsWith('gaussian:') ? 'red' : SCHEME_COLOURS[scheme] ?? SPARE_COLOURS[index % SPARE_COLOURS.length];
      return chart(base);
    },
  };
}

/** Calls `onChange` when VS Code switches the theme (it rewrites the root style and body class). */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
