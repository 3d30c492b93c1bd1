/**
 * The nonlinearity a layer's output meets next: follow the readers of its tops through layers that
 * keep the per-unit signal shape (BatchNorm, Scale, Bias, Dropout, pooling, concatenation, sums,
 * reshapes — in place or not) to the first layer that is a nonlinearity or anything else. Several
 * paths (a DAG) give their common answer or "mixed".
 */
import type { LayerModel } from '../net/model';
import type { BlobUses } from './blob-uses';
import { fillerStats } from './filler-stats';
import { readFiller } from './filler-spec';

export type NonlinearityKind = 'ReLU' | 'PReLU' | 'ELU' | 'TanH' | 'Sigmoid' | 'none' | 'mixed';

export interface Nonlinearity {
  kind: NonlinearityKind;
  /** ReLU's negative_slope, or PReLU's initial slope (from its filler; Caffe's default 0.25). */
  slope?: number;
  /** ELU's alpha. */
  alpha?: number;
  /** The layer that applies it (absent for none, mixed, or a nonlinearity built into the layer). */
  layer?: string;
  /** Layers looked through on the way, in order (first path). */
  through: string[];
  /** True when every path passes a BatchNorm (or MVN) first: it renormalises the scale at training time. */
  normalized: boolean;
  /** For mixed: the distinct nonlinearities met. */
  options?: Nonlinearity[];
}

/** Layers that pass each unit's signal on without a nonlinearity of their own. */
const LOOK_THROUGH = new Set(['BatchNorm', 'MVN', 'Scale', 'Bias', 'Dropout', 'Pooling', 'Split', 'Concat', 'Eltwise', 'Flatten', 'Reshape']);
const NORMALIZING = new Set(['BatchNorm', 'MVN']);
const RELU_FAMILY = new Set<NonlinearityKind>(['ReLU', 'PReLU', 'ELU']);

export function isReluFamily(n: Nonlinearity): boolean {
  return RELU_FAMILY.has(n.kind);
}

type Path = Pick<Nonlinearity, 'through' | 'normalized'>;

/** Readers that are nonlinearities: how each reads its own parameters. */
const NONLINEARITIES: Record<string, (layer: LayerModel, p: Path) => Nonlinearity> = {
  ReLU: (l, p) => ({ kind: 'ReLU', slope: l.view.message('relu_param').number('negative_slope'), layer: l.name, through: p.through, normalized: p.normalized }),
  PReLU: (l, p) => ({ kind: 'PReLU', slope: preluInitialSlope(l), layer: l.name, through: p.through, normalized: p.normalized }),
  ELU: (l, p) => ({ kind: 'ELU', alpha: l.view.message('elu_param').number('alpha'), layer: l.name, through: p.through, normalized: p.normalized }),
  TanH: (l, p) => ({ kind: 'TanH', layer: l.name, through: p.through, normalized: p.normalized }),
  Sigmoid: (l, p) => ({ kind: 'Sigmoid', layer: l.name, through: p.through, normalized: p.normalized }),
};

/** Nonlinearities built into recurrent layers (src/caffe/layers/rnn_layer.cpp, lstm_layer.cpp). */
const INTRINSIC: Record<string, Nonlinearity> = {
  RNN: { kind: 'TanH', through: [], normalized: false },
  LSTM: {
    kind: 'mixed',
    through: [],
    normalized: false,
    options: [
      { kind: 'Sigmoid', through: [], normalized: false },
      { kind: 'TanH', through: [], normalized: false },
    ],
  },
};

/** PReLU's starting slope: its filler's value (prelu_layer.cpp: constant 0.25 when none is given). */
function preluInitialSlope(layer: LayerModel): number {
  const f = readFiller(layer.view.message('prelu_param'), 'filler', { values: { type: 'constant', value: 0.25 }, note: '' });
  if (f.type === 'constant') return f.value;
  const s = fillerStats(f, undefined);
  // A random slope enters He's formula through E[a²].
  return s ? Math.sqrt(s.variance + s.mean * s.mean) : 0.25;
}

/** Stop exploring after this many reader visits: deep DAGs (DenseNet) would otherwise walk whole blocks. */
const MAX_VISITS = 64;

export function followingNonlinearity(uses: BlobUses, position: number): Nonlinearity {
  const net = uses.net;
  const start = net.layers[position];
  const intrinsic = INTRINSIC[start.type];
  if (intrinsic) return intrinsic;

  interface Step extends Path {
    writer: number;
    blob: string;
  }
  const found: Nonlinearity[] = [];
  const queue: Step[] = [];
  for (const t of start.tops) queue.push({ writer: position, blob: t.name, through: [], normalized: false });
  // A reader is visited once per normalized-ness of the path reaching it: what it does with its
  // input does not depend on which of its bottoms came from this layer.
  const seen: number[] = []; // at most MAX_VISITS entries: a plain array beats a Set here
  let visits = 0;
  for (let head = 0; head < queue.length && visits < MAX_VISITS; head++) {
    const step = queue[head];
    const readers = uses.readersOf(step.writer, step.blob);
    if (readers.length === 0) found.push({ kind: 'none', through: step.through, normalized: step.normalized });
    for (const r of readers) {
      const key = r * 2 + (step.normalized ? 1 : 0);
      if (seen.includes(key)) continue;
      seen.push(key);
      visits++;
      const layer = net.layers[r];
      const nl = NONLINEARITIES[layer.type];
      if (nl) {
        found.push(nl(layer, step));
      } else if (LOOK_THROUGH.has(layer.type)) {
        const through = step.through.concat(layer.name);
        const normalized = step.normalized || NORMALIZING.has(layer.type);
        for (const t of layer.tops) queue.push({ writer: r, blob: t.name, through, normalized });
      } else {
        found.push({ kind: 'none', layer: layer.name, through: step.through, normalized: step.normalized });
      }
    }
  }
  return combine(found);
}

function sameNonlinearity(a: Nonlinearity, b: Nonlinearity): boolean {
  return a.kind === b.kind && (a.slope ?? 0) === (b.slope ?? 0) && (a.alpha ?? 1) === (b.alpha ?? 1);
}

function combine(found: Nonlinearity[]): Nonlinearity {
  if (found.length === 0) return { kind: 'none', through: [], normalized: false };
  if (found.length === 1) return found[0];
  const distinct: Nonlinearity[] = [];
  for (const f of found) if (!distinct.some((d) => sameNonlinearity(d, f))) distinct.push(f);
  const normalized = found.every((f) => f.normalized);
  if (distinct.length === 1) return { ...found[0], normalized };
  return { kind: 'mixed', through: found[0].through, normalized, options: distinct };
}

/** "ReLU", "ReLU (negative_slope 0.1)", "PReLU (initial slope 0.25)", "TanH", "none", "mixed (ReLU, none)". */
export function describeNonlinearity(n: Nonlinearity): string {
  switch (n.kind) {
    case 'ReLU':
      return n.slope ? `ReLU (negative_slope ${n.slope})` : 'ReLU';
    case 'PReLU':
      return `PReLU (initial slope ${n.slope})`;
    case 'ELU':
      return `ELU (alpha ${n.alpha})`;
    case 'mixed':
      return `mixed (${(n.options ?? []).map(describeNonlinearity).join(', ')})`;
    default:
      return n.kind;
  }
}
