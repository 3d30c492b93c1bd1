/**
 * The walk: forward through the layers in Caffe's order, backward in reverse. Values belong to blob
 * versions, not names: an in-place layer (ReLU on conv1) reads one version and writes the next, so
 * every point of the chain keeps its own statistics. A version read by several layers (a Split's
 * tops, a residual block's input) gets the sum of their gradients — at initialisation the branches'
 * gradients are uncorrelated, so their second moments add.
 *
 * The backward chain starts with a unit gradient at the loss layers' prediction bottoms, or, in a
 * net without a loss, at every output blob (a value nobody reads after its last write).
 */
import type { InitResult, ParamInit } from '../init/analyze-init';
import { isLossType } from '../net/layer-types';
import type { LayerModel, NetModel } from '../net/model';
import type { LayerShapes, ShapeResult } from '../shapes/types';
import { overflows, type Gradient, type Moments } from './moments';
import { paramStats, type Scheme } from './schemes';
import { signalRuleFor } from './signal-table';
import { kernelDemand } from './spatial/demand';
import { backwardPerPart, forwardPerPart } from './rules/parts';
import type { SignalContext, SignalRule } from './types';

interface Version {
  blob: string;
  /** Position of the layer that writes it. */
  writer: number;
}

/** The net's blob versions and who reads them: computed once per net. */
interface Plan {
  versions: Version[];
  /** Per layer, per bottom: the version read (−1: a blob nobody wrote). */
  bottoms: number[][];
  /** Per layer, per top: the version written. */
  tops: number[][];
  readers: number[];
  labels: boolean[][];
  rules: (SignalRule | undefined)[];
  hasLoss: boolean;
}

const LABELLED_SOURCES = new Set(['Data', 'ImageData', 'HDF5Data', 'MemoryData', 'WindowData']);

function isLabelReader(layer: LayerModel, slot: number): boolean {
  return slot > 0 && (isLossType(layer.type) || layer.type === 'Accuracy');
}

const plans = new WeakMap<NetModel, Plan>();

function planOf(net: NetModel): Plan {
  const hit = plans.get(net);
  if (hit) return hit;
  const versions: Version[] = [];
  const current = new Map<string, number>();
  const bottoms: number[][] = [];
  const tops: number[][] = [];
  const readers: number[] = [];
  const readSlots: { layer: number; slot: number }[][] = [];
  net.layers.forEach((layer, i) => {
    bottoms.push(
      layer.bottoms.map((b, slot) => {
        const v = current.get(b.name) ?? -1;
        if (v >= 0) {
          readers[v]++;
          readSlots[v].push({ layer: i, slot });
        }
        return v;
      }),
    );
    tops.push(
      layer.tops.map((t) => {
        const v = versions.length;
        versions.push({ blob: t.name, writer: i });
        readers.push(0);
        readSlots.push([]);
        current.set(t.name, v);
        return v;
      }),
    );
  });
  const labels = net.layers.map((layer, i) =>
    tops[i].map((v, slot) => {
      if (slot > 0 && LABELLED_SOURCES.has(layer.type)) return true;
      const uses = readSlots[v];
      return uses.length > 0 && uses.every((u) => isLabelReader(net.layers[u.layer], u.slot));
    }),
  );
  const rules = net.layers.map((l) => signalRuleFor(l.type));
  const hasLoss = net.layers.some((l) => isLossType(l.type) && l.lossWeights.some((w) => w !== 0));
  const plan: Plan = { versions, bottoms, tops, readers, labels, rules, hasLoss };
  plans.set(net, plan);
  return plan;
}

export interface LayerSignal {
  position: number;
  layer: LayerModel;
  /** Per top: its forward statistics (null: unknown, or not a signal — a label, a loss value). */
  forward: (Moments | null)[];
  /** Per bottom: its forward statistics (null for labels and unknowns). */
  inputs: (Moments | null)[];
  /** Per bottom: the total gradient that reaches that blob version (from every layer that reads it). */
  backward: (Gradient | null)[];
  /** Per top: the total gradient that reaches it (what the layer receives). */
  topGradients: (Gradient | null)[];
  /** The file writes a weight_filler for this layer. */
  writtenWeightFiller: boolean;
  /** The layer ends the forward chain (loss, Accuracy, Softmax). */
  head: boolean;
  /** The layer writes no new blob name (ReLU on its own bottom …). */
  inPlace: boolean;
}

export interface SignalNote {
  /** Position of the layer the note is about. */
  position: number;
  layer: string;
  message: string;
}

export interface SignalRun {
  scheme: Scheme;
  layers: LayerSignal[];
  /** Why values are unknown, once per cause (later layers that only inherit an unknown are not listed). */
  notes: SignalNote[];
}

export interface SignalInputs {
  net: NetModel;
  shapes: ShapeResult | undefined;
  init: InitResult | undefined;
}

/** Per layer: its shapes entry and its parameter blobs' init entries (shared by every scheme's run). */
interface LayerData {
  shapes: LayerShapes | undefined;
  params: ParamInit[];
  /** Builds a spatial kernel (spatial/demand.ts). */
  spatial: boolean;
}

const layerData = new WeakMap<SignalInputs['init'] & object, LayerData[]>();

function dataOf(inputs: SignalInputs): LayerData[] {
  const key = inputs.init;
  const hit = key && layerData.get(key);
  if (hit) return hit;
  const shapesBy = new Map((inputs.shapes?.layers ?? []).map((l) => [l.layer, l]));
  const initBy = new Map((inputs.init?.layers ?? []).map((l) => [l.position, l.params]));
  const shapes = inputs.net.layers.map((layer) => shapesBy.get(layer));
  const plan = planOf(inputs.net);
  const spatial = kernelDemand(inputs.net, shapes, plan.bottoms, plan.tops, plan.versions.length);
  const out = inputs.net.layers.map((_, i) => ({ shapes: shapes[i], params: initBy.get(i) ?? [], spatial: spatial[i] }));
  if (key) layerData.set(key, out);
  return out;
}

export function propagate(inputs: SignalInputs, scheme: Scheme): SignalRun {
  const { net } = inputs;
  const plan = planOf(net);
  const data = dataOf(inputs);
  const n = plan.versions.length;
  const forward: (Moments | null)[] = new Array(n).fill(null);
  const notes: SignalNote[] = [];
  const note = (position: number, message: string) => notes.push({ position, layer: net.layers[position].name, message });

  const contexts: SignalContext[] = net.layers.map((layer, i) => ({
    layer,
    shapes: data[i].shapes,
    params: data[i].params.map((p) => paramStats(scheme, p)),
    phase: net.state.phase,
    bottomIds: plan.bottoms[i],
    labelTops: plan.labels[i],
    spatial: data[i].spatial,
  }));

  // Forward.
  let overflowed = false;
  net.layers.forEach((layer, i) => {
    const rule = plan.rules[i];
    const ctx = contexts[i];
    const bottoms = plan.bottoms[i].map((v) => (v < 0 ? null : forward[v]));
    let tops: (Moments | null)[];
    if (!rule) {
      tops = layer.tops.map(() => null);
      note(i, `no signal rule for layer type "${layer.type}": its outputs are unknown`);
    } else if (!rule.acceptsUnknown && bottoms.some((b) => b === null)) {
      tops = layer.tops.map(() => null);
    } else {
      try {
        const parts = rule.channelwise && bottoms.length === 1 ? bottoms[0]?.parts : undefined;
        const out = parts ? forwardPerPart(rule, ctx, parts) : rule.forward(ctx, bottoms);
        tops = out.tops;
        if (out.reason) note(i, `${out.reason}, so its output statistics are unknown`);
      } catch (err) {
        tops = layer.tops.map(() => null);
        note(i, `the signal rule failed (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    plan.tops[i].forEach((v, slot) => {
      let m = tops[slot] ?? null;
      if (m && overflows(m)) {
        if (!overflowed) note(i, 'the signal exceeds float32 range here (Caffe computes inf or NaN); later values are unknown');
        overflowed = true;
        m = null;
      }
      forward[v] = m;
    });
  });

  // Backward: per version the summed second moment, and whether a part is unknown or approximate.
  const second = new Float64Array(n);
  const unknown = new Uint8Array(n);
  const approx = new Uint8Array(n);
  if (!plan.hasLoss) {
    for (let v = 0; v < n; v++) {
      if (plan.readers[v] !== 0) continue;
      // Softmax's output too: its rule restarts the chain at the logits. An output whose value is
      // unknown (after a Python layer) has an unknown gradient, unless it is no signal at all (a
      // chain end, a label, a second top such as max pooling's argmax mask).
      const { writer } = plan.versions[v];
      const slot = plan.tops[writer].indexOf(v);
      if (forward[v]) second[v] = 1;
      else if (slot === 0 && !plan.rules[writer]?.head && !plan.labels[writer][slot]) unknown[v] = 1;
    }
  }
  const grad = (v: number): Gradient | null => (unknown[v] ? null : { second: second[v], approximate: approx[v] === 1 });
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const rule = plan.rules[i];
    const topIds = plan.tops[i];
    const bottomIds = plan.bottoms[i];
    if (bottomIds.length === 0) continue;
    const grads = topIds.map(grad);
    if (rule && !rule.head && grads.every((g) => g !== null && g.second === 0)) continue;
    let out: (Gradient | null)[];
    const bottoms = bottomIds.map((v) => (v < 0 ? null : forward[v]));
    const tops = topIds.map((v) => forward[v]);
    if (!rule) {
      out = bottomIds.map(() => null);
    } else if (!rule.acceptsUnknown && (grads.some((g) => g === null) || bottoms.some((b) => b === null))) {
      out = bottomIds.map(() => null);
    } else {
      try {
        const parts = rule.channelwise && bottoms.length === 1 ? bottoms[0]?.parts : undefined;
        const r = parts ? backwardPerPart(rule, contexts[i], grads, parts, tops) : rule.backward(contexts[i], grads, bottoms, tops);
        out = r.bottoms;
        if (r.reason && !notes.some((x) => x.position === i)) note(i, `${r.reason}, so the gradient below it is unknown`);
      } catch (err) {
        out = bottomIds.map(() => null);
        note(i, `the signal rule failed backward (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    bottomIds.forEach((v, slot) => {
      if (v < 0) return;
      const g = out[slot];
      if (g === undefined) return;
      if (g === null) unknown[v] = 1;
      else {
        second[v] += g.second;
        if (g.approximate) approx[v] = 1;
      }
    });
  }

  const layers: LayerSignal[] = net.layers.map((layer, i) => ({
    position: i,
    layer,
    forward: plan.tops[i].map((v) => forward[v]),
    inputs: plan.bottoms[i].map((v) => (v < 0 ? null : forward[v])),
    backward: plan.bottoms[i].map((v) => (v < 0 ? null : grad(v))),
    topGradients: plan.tops[i].map(grad),
    writtenWeightFiller: data[i].params.some((p) => p.role === 'weight' && !!p.filler?.written),
    head: !!plan.rules[i]?.head,
    inPlace: layer.tops.length > 0 && layer.tops.every((t) => layer.bottoms.some((b) => b.name === t.name)),
  }));
  return { scheme, layers, notes };
}
