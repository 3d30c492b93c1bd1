/**
 * The chart: Chart.js line chart, layers on a category x axis in the order the net runs, variance
 * on a logarithmic y axis, the healthy band shaded behind the lines, a guide at the pointed layer
 * and an HTML tooltip (tooltip.ts). Chart.js is bundled into the webview script; only the parts
 * used here are registered. Animations are off: a repaint after an edit is one synchronous draw.
 */
import {
  CategoryScale, Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement,
  type ChartDataset, type Plugin, type ScriptableScaleContext,
} from 'chart.js';
import type { SignalResult } from '../../../server/src/protocol';
import { fillTooltip } from './tooltip';
import type { PlotModel } from './plot-model';
import type { Theme } from './theme';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, LogarithmicScale);

type LineChart = Chart<'line', (number | null)[], string>;

function isDecade(v: number): boolean {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9;
}

function decadeLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  return e === 0 ? '1' : e === 1 ? '10' : `1e${e}`;
}

export class ChartView {
  private readonly chart: LineChart;
  private result: SignalResult | undefined;
  private model: PlotModel | undefined;
  private active: number | null = null;
  private keyboard = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    private theme: Theme,
    private readonly onReveal: (layer: number) => void,
  ) {
    const view = this;
    const background: Plugin<'line'> = {
      id: 'themeBackground',
      beforeDraw(chart) {
        const { ctx, width, height } = chart;
        ctx.save();
        ctx.fillStyle = view.theme.background;
        ctx.fillRect(0, 0, width, height);
        ctx.restore();
      },
    };
    const band: Plugin<'line'> = {
      id: 'healthyBand',
      beforeDatasetsDraw(chart) {
        if (!view.model) return;
        const { ctx, chartArea: a, scales: { y } } = chart;
        const top = Math.max(a.top, Math.min(a.bottom, y.getPixelForValue(view.model.band[1])));
        const bottom = Math.max(a.top, Math.min(a.bottom, y.getPixelForValue(view.model.band[0])));
        if (bottom - top < 1) return;
        ctx.save();
        ctx.fillStyle = view.theme.band;
        ctx.fillRect(a.left, top, a.right - a.left, bottom - top);
        ctx.fillStyle = view.theme.bandText;
        ctx.font = `${Math.round(view.theme.fontSize * 0.9)}px ${view.theme.fontFamily}`;
        ctx.textBaseline = 'top';
        ctx.textAlign = 'right'; // the tooltip opens on the left more often than not
        ctx.fillText('healthy band', a.right - 6, top + 4);
        ctx.restore();
      },
    };
    const guide: Plugin<'line'> = {
      id: 'layerGuide',
      afterDatasetsDraw(chart) {
        if (view.active === null) return;
        const { ctx, chartArea: a, scales: { x } } = chart;
        const px = x.getPixelForValue(view.active);
        ctx.save();
        ctx.strokeStyle = view.theme.guide;
        ctx.setLineDash([2, 3]);
        ctx.beginPath();
        ctx.moveTo(px, a.top);
        ctx.lineTo(px, a.bottom);
        ctx.stroke();
        ctx.restore();
      },
    };
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        events: ['mousemove', 'mouseout', 'click'],
        onHover: (event) => {
          if (event.type === 'mouseout') return this.hide();
          this.keyboard = false;
          this.point(this.indexAt(event.x, event.y));
        },
        onClick: (event) => {
          const i = this.indexAt(event.x, event.y);
          if (i !== null) this.onReveal(i);
        },
        scales: {},
      },
      plugins: [background, band, guide],
    }) as LineChart;
    this.applyTheme();
    canvas.addEventListener('keydown', (e) => this.onKey(e));
    canvas.addEventListener('mouseleave', () => {
      if (!this.keyboard) this.hide();
    });
    canvas.addEventListener('blur', () => {
      if (this.keyboard) this.hide();
    });
  }

  /** Draws a new answer (or the same one with other toggles). */
  show(result: SignalResult, model: PlotModel): void {
    this.result = result;
    this.model = model;
    const n = model.labels.length;
    const radius = n > 80 ? 1.5 : n > 40 ? 2.5 : 3.5;
    this.chart.data.labels = model.labels;
    this.chart.data.datasets = model.lines.map((line): ChartDataset<'line', (number | null)[]> => {
      const colour = this.theme.seriesColour(line.scheme, line.seriesIndex);
      return {
        label: line.label,
        data: line.y,
        hidden: line.hidden,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: line.scheme === 'as-written' ? 2.5 : 1.5,
        borderDash: line.direction === 'backward' ? [6, 4] : [],
        spanGaps: false,
        tension: 0,
        pointStyle: line.marks.map((m) => (m === 'vanished' ? 'triangle' : 'circle')),
        pointRotation: line.marks.map((m) => (m === 'vanished' ? 180 : 0)),
        pointBackgroundColor: line.marks.map((m) => (m === 'approximate' ? this.theme.background : colour)),
        pointBorderColor: colour,
        pointRadius: line.marks.map((m) => (m === 'vanished' ? radius + 1.5 : radius)),
        pointHoverRadius: radius + 2.5,
      };
    });
    const y = this.chart.options.scales!.y!;
    y.min = model.yMin;
    y.max = model.yMax;
    if (this.active !== null && this.active >= n) this.hide();
    this.chart.update('none');
    if (this.active !== null) this.point(this.active);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.applyTheme();
    if (this.result && this.model) this.show(this.result, this.model);
  }

  /** The chart as a PNG data URL, without the hover guide and tooltip. */
  pngDataUrl(): string {
    const active = this.active;
    this.active = null;
    this.chart.setActiveElements([]);
    this.chart.update('none');
    const url = this.chart.toBase64Image('image/png', 1);
    if (active !== null) this.point(active);
    return url;
  }

  resize(): void {
    this.chart.resize();
  }

  private applyTheme(): void {
    const t = this.theme;
    const font = { family: t.fontFamily, size: t.fontSize };
    const title = (text: string) => ({ display: true, text, color: t.muted, font });
    this.chart.options.color = t.foreground;
    this.chart.options.font = font;
    this.chart.options.scales = {
      x: {
        type: 'category',
        title: title('layer, in the order the net runs'),
        ticks: { color: t.foreground, font, autoSkip: true, maxRotation: 60 },
        grid: { color: t.grid },
      },
      y: {
        type: 'logarithmic',
        min: this.model?.yMin,
        max: this.model?.yMax,
        title: title('variance relative to the input (log scale)'),
        ticks: { color: t.foreground, font, callback: (v) => (isDecade(Number(v)) ? decadeLabel(Number(v)) : '') },
        grid: { color: (ctx: ScriptableScaleContext) => (isDecade(ctx.tick?.value ?? 0) ? t.grid : 'transparent') },
      },
    };
  }

  private indexAt(x: number | null, y: number | null): number | null {
    const a = this.chart.chartArea;
    if (x === null || y === null || !a || !this.model?.labels.length) return null;
    if (x < a.left - 8 || x > a.right + 8 || y < a.top || y > a.bottom) return null;
    const i = Math.round(this.chart.scales.x.getValueForPixel(x) ?? -1);
    return i >= 0 && i < this.model.labels.length ? i : null;
  }

  /** Shows the tooltip and guide at layer `i` (from the mouse or the keyboard). */
  private point(i: number | null): void {
    if (i === null || !this.result || !this.model) return this.hide();
    const changed = this.active !== i;
    this.active = i;
    if (this.keyboard) {
      const elements = this.chart.data.datasets
        .map((d, datasetIndex) => ({ datasetIndex, index: i, ok: !d.hidden && d.data[i] !== null }))
        .filter((e) => e.ok)
        .map(({ datasetIndex, index }) => ({ datasetIndex, index }));
      this.chart.setActiveElements(elements);
    }
    fillTooltip(this.tooltip, this.result, i, (scheme, k) => this.theme.seriesColour(scheme, k));
    this.tooltip.hidden = false;
    this.place(i);
    if (changed || this.keyboard) this.chart.render();
  }

  private place(i: number): void {
    const a = this.chart.chartArea;
    const px = this.chart.scales.x.getPixelForValue(i) + this.canvas.offsetLeft;
    const w = this.tooltip.offsetWidth;
    const room = this.canvas.offsetLeft + this.canvas.clientWidth;
    const left = px + 14 + w > room ? Math.max(0, px - 14 - w) : px + 14;
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${a.top + this.canvas.offsetTop + 4}px`;
  }

  private hide(): void {
    this.tooltip.hidden = true;
    delete this.tooltip.dataset.layer;
    if (this.active !== null) {
      this.active = null;
      this.chart.setActiveElements([]);
      this.chart.render();
    }
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.model?.labels.length ?? 0;
    if (!n) return;
    const at = this.active ?? -1;
    const to: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: n - 1 };
    if (e.key in to) {
      e.preventDefault();
      this.keyboard = true;
      this.point(Math.max(0, Math.min(n - 1, to[e.key])));
    } else if ((e.key === 'Enter' || e.key === ' ') && this.active !== null) {
      e.preventDefault();
      this.onReveal(this.active);
    } else if (e.key === 'Escape') {
      this.hide();
    }
  }
}
