import * as assert from 'node:assert/strict';
import { analyze, type AnalysisSettings } from '../../../server/src/core/analysis';
import { corpusFiles, corpusManifest } from '../../helpers/paths';
import { corpusText } from './net-helpers';

/**
 * The net-stage errors and warnings each corpus net is known to get, with the reason. BVLC's own
 * nets (bvlc-caffe/, bvlc-caffe-legacy-*) must get none.
 */
const EXPECTED: Record<string, { codes: string[]; why: string }> = {
  'cwlacewe-netscope/presets/1D_lstm.prototxt': { codes: ['input-shape-count'], why: 'two inputs but one input_shape (the other is given as input_dim)' },
  'cwlacewe-netscope/presets/ResNet-50_merged.qconv.winograd.cwl.prototxt': {
    codes: ['bottom-count', 'top-count'],
    why: 'a fork that merges the residual sum into Convolution (two bottoms, one top) and pools two bottoms',
  },
  'cwlacewe-netscope/presets/SSD300.prototxt': { codes: ['unknown-layer-type'], why: 'the SSD fork\'s Normalize, Permute, PriorBox, DetectionOutput' },
  'cwlacewe-netscope/presets/VGG_VOC0712Plus_SSD_300x300_ft_deploy.prototxt': { codes: ['unknown-layer-type'], why: 'the SSD fork\'s layers' },
  'cwlacewe-netscope/presets/fasterRCNN_ResNet.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling (Faster R-CNN fork) and a layer typed "implicit"' },
  'cwlacewe-netscope/presets/inceptionv3.prototxt': { codes: ['bottom-count', 'unknown-bottom'], why: 'SoftmaxWithLoss and Accuracy without a label bottom; no TEST data layer' },
  'cwlacewe-netscope/presets/inceptionv4.prototxt': { codes: ['bottom-count'], why: 'SoftmaxWithLoss without a label bottom' },
  'cwlacewe-netscope/presets/vgg-16.prototxt': { codes: ['ignored-layer', 'unknown-bottom'], why: 'a V2 `layer` among V1 `layers`: Caffe drops it, and with it the data blob' },
  'cwlacewe-netscope/presets/zynqnet.prototxt': { codes: ['bottom-count'], why: 'SoftmaxWithLoss without a label bottom' },
  'hujie-frank-senet/models/SE-ResNeXt-50.prototxt': { codes: ['unknown-layer-type'], why: 'the SENet fork\'s Axpy' },
  'hujie-frank-senet/models/SE-ResNet-50.prototxt': { codes: ['unknown-layer-type'], why: 'the SENet fork\'s Axpy' },
  'rbgirshick-py-faster-rcnn/models/coco/VGG_CNN_M_1024/faster_rcnn_end2end/test.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/fast_rcnn/test.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/fast_rcnn/train.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling, SmoothL1Loss' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/faster_rcnn_end2end/test.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/faster_rcnn_end2end/train.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling, SmoothL1Loss' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/ZF/faster_rcnn_end2end/train.prototxt': { codes: ['unknown-layer-type'], why: 'ROIPooling, SmoothL1Loss' },
};

/** States that nets need beyond the phase: mnist_autoencoder's TEST data layers need its solver's test_state stage. */
const STATE: Record<string, Partial<AnalysisSettings>> = {
  'bvlc-caffe/examples/mnist/mnist_autoencoder.prototxt': { stages: ['test-on-test'] },
};

function netFindings(rel: string, phase: 'TRAIN' | 'TEST'): string[] {
  const net = analyze(corpusText(rel), { phase, ...STATE[rel] }).net;
  assert.ok(net, `${rel} is a net`);
  return [...new Set(net.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code))].sort();
}

describe('net: the corpus', () => {
  const manifest = corpusManifest();
  const nets = corpusFiles().filter((f) => ['v0', 'v1', 'v2', 'mixed'].includes(manifest.get(f)?.format ?? ''));

  it('has nets of every format to read', () => {
    assert.ok(nets.length > 60, `${nets.length} nets`);
    for (const format of ['v0', 'v1', 'v2', 'mixed']) assert.ok(nets.some((f) => manifest.get(f)!.format === format), format);
  });

  it('builds every net in both phases, with the format the manifest gives', () => {
    for (const rel of nets) {
      for (const phase of ['TRAIN', 'TEST'] as const) {
        const net = analyze(corpusText(rel), { phase }).net!;
        assert.equal(net.format, manifest.get(rel)!.format, rel);
        assert.ok(net.layers.length > 0, rel);
      }
    }
  });

  it('finds no wiring or layer errors in BVLC\'s own nets, and only the known ones elsewhere', () => {
    for (const rel of nets) {
      const expected = EXPECTED[rel]?.codes ?? [];
      const seen = [...new Set([...netFindings(rel, 'TRAIN'), ...netFindings(rel, 'TEST')])].sort();
      assert.deepEqual(seen, expected, `${rel}: ${EXPECTED[rel]?.why ?? 'a net that Caffe runs as written'}`);
    }
  });

  it('keeps solvers and other messages out of the net stage', () => {
    for (const rel of corpusFiles().filter((f) => manifest.get(f)?.kind === 'solver')) assert.equal(analyze(corpusText(rel)).net, undefined, rel);
  });
});
