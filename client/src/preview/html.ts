/**
 * The preview webview's document: a static skeleton that the bundled script fills in. It holds no
 * text from the user's file (the script sets those with textContent), loads only the extension's
 * own script and stylesheet, and states a strict content security policy: nothing by default,
 * images only from the extension or as data URLs (the PNG export), styles and fonts only from
 * the extension's files, and scripts only with this load's nonce. No 'unsafe-inline', no
 * 'unsafe-eval'; Chart.js sizes its canvas through the CSSOM (element.style), which CSP allows.
 * Plain TypeScript, no VS Code import.
 */
import { randomBytes } from 'crypto';

export interface PreviewHtmlInput {
  /** `webview.cspSource`: the origin the webview serves the extension's files from. */
  cspSource: string;
  /** `webview.asWebviewUri(...)` of the bundled script and of the stylesheet. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

/** A fresh nonce for each load of the webview's document. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function previewHtml({ cspSource, scriptUri, styleUri, nonce }: PreviewHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>Signal Variance</title>
</head>
<body>
<header class="toolbar">
  <h1 id="file" class="file">Signal variance</h1>
  <fieldset id="schemes" class="toggles"><legend>Schemes</legend></fieldset>
  <fieldset id="directions" class="toggles"><legend>Directions</legend>
    <label><input type="checkbox" id="show-forward" checked><span class="legend-solid"></span>forward (activations)</label>
    <label><input type="checkbox" id="show-backward" checked><span class="legend-dashed"></span>backward (gradients)</label>
  </fieldset>
  <div class="actions">
    <button id="export-png" type="button" title="Save the chart as a PNG image">Export PNG</button>
    <button id="export-csv" type="button" title="Save the plotted values as CSV">Export CSV</button>
  </div>
</header>
<section id="notes" class="notes" role="status" aria-live="polite" hidden>
  <h2 id="notes-title">Some values are unknown</h2>
  <ul id="notes-list"></ul>
</section>
<main id="chart-box" class="chart-box">
  <canvas id="chart" tabindex="0" role="img" aria-label="Signal variance per layer"></canvas>
  <div id="tooltip" class="tooltip" role="tooltip" hidden></div>
</main>
<p id="legend-help" class="help">Solid: forward activation variance. Dashed: backward gradient variance. Both relative to the input (log scale); the shaded band is the healthy range. Hollow points are approximations; triangles at the bottom are values that vanish (0). Click a point, or press Enter on it (arrow keys move), to show its layer in the editor.</p>
<table id="data-table" class="visually-hidden">
  <caption>Variance per layer, as plotted</caption>
  <thead></thead>
  <tbody></tbody>
</table>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>`;
}
