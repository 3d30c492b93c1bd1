/**
 * The init stage: for every parameter blob of every active layer, its shape, Caffe's fans, the
 * filler as Caffe reads it, the mean and variance of the values it writes, the nonlinearity the
 * layer's output meets, and the variance recommended for it. Plain data for lint rules, hovers and
 * the CLI report.
 */
import type { LayerModel, NetModel } from '../net/model';
import type { MessageView } from '../schema/message-view';
import type { LayerShapes, ParamBlob, Shape, ShapeResult } from '../shapes/types';
import { BlobUses } from './blob-uses';
import { blobCount, caffeFans, reversedFansNote, type Fans } from './fans';
import { readFiller, type FillerSpec } from './filler-spec';
import { fillerStats, type FillerStats } from './filler-stats';
import { followingNonlinearity, type Nonlinearity } from './following-nonlinearity';
import { fillerSlots } from './layer-fillers';
import { recommend, type Recommendation } from './reference-variances';

export interface ParamInit {
  /** blobs_[index] in Caffe's order. */
  index: number;
  role: string;
  /** False for statistics blobs (BatchNorm) that never learn. */
  learnable: boolean;
  /** The name Caffe gives the blob inside an unrolled recurrent net ('W_xc', 'b_c', 'W_hc', …). */
  caffeName?: string;
  /** Undefined when the shape stage cannot tell. */
  shape?: Shape;
  count?: number;
  fans?: Fans;
  /** Why Caffe's fans read the other way round for this layer (Deconvolution, Embed, transposed InnerProduct). */
  fansNote?: string;
  fillerMessage?: string;
  fillerField?: string;
  /** Undefined for blobs Caffe fills without a filler (BatchNorm's statistics: zeros). */
  filler?: FillerSpec;
  stats?: FillerStats;
  recommendation?: Recommendation;
}

export interface LayerInit {
  /** Position in NetModel.layers. */
  position: number;
  layer: LayerModel;
  /** The nonlinearity the layer's output meets (computed for layers with weights). */
  following?: Nonlinearity;
  params: ParamInit[];
}

export interface InitResult {
  /** Per active layer with parameter blobs, in net order. */
  layers: LayerInit[];
  /** The readers of each blob version, for hovers that name producers. */
  uses: BlobUses;
}

const ZERO_FILLED: FillerStats = { mean: 0, variance: 0, spread: { kind: 'value', value: 0 }, deterministic: true };

interface BlobSource {
  role: string;
  shape?: Shape;
  learnable?: boolean;
  caffeName?: string;
  fillerMessage?: string;
  fillerField?: string;
  defaultFiller?: { type: 'constant'; value: number };
}

/** The blobs to analyse: the shape stage's list when it has one, else the filler table's slots. */
function blobSources(layer: LayerModel, shapes: LayerShapes | undefined): BlobSource[] {
  if (shapes && shapes.params.length > 0) return shapes.params as ParamBlob[];
  return fillerSlots(layer).map((s) => ({ role: s.role, fillerMessage: s.message, fillerField: s.field, defaultFiller: s.defaultFiller }));
}

export function analyzeInit(net: NetModel, shapes?: ShapeResult): InitResult {
  const uses = new BlobUses(net);
  const shapesByLayer = new Map<LayerModel, LayerShapes>();
  for (const ls of shapes?.layers ?? []) shapesByLayer.set(ls.layer, ls);

  const layers: LayerInit[] = [];
  net.layers.forEach((layer, position) => {
    const sources = blobSources(layer, shapesByLayer.get(layer));
    if (sources.length === 0) return;
    const hasWeights = sources.some((s) => s.role === 'weight');
    const following = hasWeights ? followingNonlinearity(uses, position) : undefined;
    // The parameter message, read once per layer (a layer's blobs share one, e.g. convolution_param).
    let ownerName: string | undefined;
    let owner: MessageView | undefined;
    const ownerOf = (name: string): MessageView => {
      if (name !== ownerName) {
        ownerName = name;
        owner = layer.view.message(name);
      }
      return owner!;
    };
    const params = sources.map((s, index) => paramInit(layer, s, index, following, ownerOf));
    layers.push({ position, layer, following, params });
  });
  return { layers, uses };
}

function paramInit(
  layer: LayerModel,
  s: BlobSource,
  index: number,
  following: Nonlinearity | undefined,
  ownerOf: (message: string) => MessageView,
): ParamInit {
  const p: ParamInit = { index, role: s.role, learnable: s.learnable ?? true, shape: s.shape, fillerMessage: s.fillerMessage, fillerField: s.fillerField };
  if (s.caffeName !== undefined) p.caffeName = s.caffeName;
  if (s.shape) {
    p.count = blobCount(s.shape);
    p.fans = caffeFans(s.shape);
  }
  const transpose = layer.type === 'InnerProduct' && ownerOf('inner_product_param').bool('transpose');
  p.fansNote = reversedFansNote(layer.type, s.role, transpose);
  if (!s.fillerMessage || !s.fillerField) {
    p.stats = ZERO_FILLED;
    return p;
  }
  p.filler = readFiller(ownerOf(s.fillerMessage), s.fillerField, s.defaultFiller && substituteOf(layer.type, s.fillerField, s.defaultFiller.value));
  p.stats = p.filler.written ? fillerStats(p.filler, s.shape) : unwrittenStats(p.filler, s.shape);
  // The recommendation only for weights, whose output meets the nonlinearity.
  if (p.fans && s.role === 'weight' && following) p.recommendation = recommend(p.fans, following);
  return p;
}

type Substitute = { values: { type: 'constant'; value: number }; note: string };
const substitutes = new Map<string, Substitute>();

/** The filler a layer type uses for an absent field, shared across blobs (specs are read-only). */
function substituteOf(type: string, field: string, value: number): Substitute {
  // Per layer type the substitute is fixed (Scale's filler 1, PReLU's 0.25): one entry per type.
  const s = substitutes.get(type);
  if (s && s.values.value === value && s.note.endsWith(` no ${field} is given`)) return s;
  const made: Substitute = { values: { type: 'constant', value }, note: `${type} fills constant ${value} when no ${field} is given` };
  substitutes.set(type, made);
  return made;
}

const sharedStats = new WeakMap<FillerSpec, FillerStats | undefined>();

/** Statistics of a shared unwritten spec: constants need no shape, so they are computed once. */
function unwrittenStats(spec: FillerSpec, shape: Shape | undefined): FillerStats | undefined {
  if (spec.type !== 'constant') return fillerStats(spec, shape);
  if (!sharedStats.has(spec)) sharedStats.set(spec, fillerStats(spec, shape));
  return sharedStats.get(spec);
}

