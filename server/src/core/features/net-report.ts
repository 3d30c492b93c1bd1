/**
 * The `blobs` and `layers` members of the inspect report, for the analysed phase:
 * - blobs: blob name → shape after the last layer that writes it, or null when unknown;
 * - layers: in file order, each with name, type, bottom, top, top_shapes and params — every
 *   parameter blob Caffe allocates, in Caffe's order (BatchNorm's statistics included), with its
 *   shape, Caffe's fan_in / fan_out, the filler with FillerParameter defaults applied (null for
 *   blobs Caffe fills without one), and the mean and variance of the values it starts with.
 */
import type { Analysis } from '../analysis';
import type { ParamInit } from '../init/analyze-init';
import type { FillerSpec } from '../init/filler-spec';
import type { JsonValue } from '../schema/to-json';

type Json = { [key: string]: JsonValue };

function fillerJson(f: FillerSpec): Json {
  return { type: f.type, value: f.value, min: f.min, max: f.max, mean: f.mean, std: f.std, sparse: f.sparse, variance_norm: f.varianceNorm };
}

function paramJson(p: ParamInit | undefined, shape: number[] | undefined): Json {
  return {
    shape: shape ?? null,
    fan_in: p?.fans?.fanIn ?? null,
    fan_out: p?.fans?.fanOut ?? null,
    filler: p?.filler ? fillerJson(p.filler) : null,
    mean: p?.stats?.mean ?? null,
    variance: p?.stats?.variance ?? null,
  };
}

export function blobsReport(a: Analysis): Json {
  const out: Json = {};
  for (const [name, shape] of a.shapes?.blobs ?? []) out[name] = shape ?? null;
  return out;
}

export function layersReport(a: Analysis): JsonValue[] {
  const net = a.net;
  if (!net) return [];
  const shapesOf = new Map((a.shapes?.layers ?? []).map((l) => [l.layer, l]));
  const initOf = new Map((a.init?.layers ?? []).map((l) => [l.layer, l]));
  return net.layers.map((layer) => {
    const shapes = shapesOf.get(layer);
    const init = initOf.get(layer);
    // The shape stage's list when it has one; else the filler slots the init stage fell back to.
    const params = shapes && shapes.params.length > 0 ? shapes.params.map((p, i) => paramJson(init?.params[i], p.shape)) : (init?.params ?? []).map((p) => paramJson(p, p.shape));
    return {
      name: layer.name,
      type: layer.type,
      bottom: layer.bottoms.map((b) => b.name),
      top: layer.tops.map((t) => t.name),
      top_shapes: layer.tops.map((_, i) => shapes?.tops[i] ?? null),
      params,
    };
  });
}
