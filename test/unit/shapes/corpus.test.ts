import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, parsesInCaffe, type Analysis } from '../../../server/src/core/analysis';
import { formatDims } from '../../../server/src/core/shapes/dims';
import { SHAPE_RULES } from '../../../server/src/core/shapes/shape-table';
import { corpusDir, corpusManifest } from '../../helpers/paths';

/** Layers whose tops come from files or code the prototxt does not describe. */
const READERS = new Set(['Data', 'ImageData', 'WindowData', 'HDF5Data', 'Python']);

/** Why a net cannot have every shape known from the file alone; undefined when it should. */
function whyNotAllKnown(a: Analysis): string | undefined {
  if (!parsesInCaffe(a)) return 'not BVLC caffe.proto';
  const types = a.net!.layers.map((l) => l.type);
  const fork = types.find((t) => !(t in SHAPE_RULES));
  if (fork) return `fork layer ${fork}`;
  const netError = a.net!.diagnostics.find((d) => d.severity === 'error');
  if (netError) return `Caffe would not build it (${netError.code})`;
  const reader = types.find((t) => READERS.has(t));
  return reader && `reads its input through ${reader}`;
}

/**
 * Every net in the corpus whose inputs are not stated, and why (read from the files: their data
 * layers, their non-BVLC fields and layer types, or what stops Caffe from building them).
 */
const NOT_STATED: Record<string, string> = {
  'bvlc-caffe-legacy-v0/examples/imagenet/imagenet_train.prototxt': 'reads its input through Data',
  'bvlc-caffe-legacy-v1/examples/mnist/lenet_train_test.prototxt': 'reads its input through Data',
  'bvlc-caffe-legacy-v1/examples/siamese/mnist_siamese_train_test.prototxt': 'reads its input through Data',
  'bvlc-caffe-legacy-v1/models/bvlc_googlenet/train_val.prototxt': 'reads its input through Data',
  'bvlc-caffe-legacy-v1/models/finetune_flickr_style/train_val.prototxt': 'reads its input through ImageData',
  'bvlc-caffe/examples/cifar10/cifar10_full_sigmoid_train_test.prototxt': 'reads its input through Data',
  'bvlc-caffe/examples/cifar10/cifar10_full_sigmoid_train_test_bn.prototxt': 'reads its input through Data',
  'bvlc-caffe/examples/cifar10/cifar10_full_train_test.prototxt': 'reads its input through Data',
  'bvlc-caffe/examples/cifar10/cifar10_quick_train_test.prototxt': 'reads its input through Data',
  'bvlc-caffe/examples/feature_extraction/imagenet_val.prototxt': 'reads its input through ImageData',
  'bvlc-caffe/examples/finetune_pascal_detection/pascal_finetune_trainval_test.prototxt': 'reads its input through WindowData',
  'bvlc-caffe/examples/hdf5_classification/nonlinear_auto_test.prototxt': 'reads its input through HDF5Data',
  'bvlc-caffe/examples/hdf5_classification/nonlinear_auto_train.prototxt': 'reads its input through HDF5Data',
  'bvlc-caffe/examples/hdf5_classification/nonlinear_train_val.prototxt': 'reads its input through HDF5Data',
  'bvlc-caffe/examples/hdf5_classification/train_val.prototxt': 'reads its input through HDF5Data',
  'bvlc-caffe/examples/mnist/lenet_train_test.prototxt': 'reads its input through Data',
  // Its TEST data layers need the stage "test-on-train" or "test-on-test".
  'bvlc-caffe/examples/mnist/mnist_autoencoder.prototxt': 'Caffe would not build it (unknown-bottom)',
  'bvlc-caffe/examples/pycaffe/linreg.prototxt': 'reads its input through Python',
  'bvlc-caffe/examples/siamese/mnist_siamese_train_test.prototxt': 'reads its input through Data',
  'bvlc-caffe/models/bvlc_alexnet/train_val.prototxt': 'reads its input through Data',
  'bvlc-caffe/models/bvlc_googlenet/train_val.prototxt': 'reads its input through Data',
  'bvlc-caffe/models/bvlc_reference_caffenet/train_val.prototxt': 'reads its input through Data',
  'bvlc-caffe/models/finetune_flickr_style/train_val.prototxt': 'reads its input through ImageData',
  // Three input_dim for one input.
  'cwlacewe-netscope/presets/1D_lstm.prototxt': 'Caffe would not build it (input-shape-count)',
  'cwlacewe-netscope/presets/ResNet-50_merged.qconv.winograd.cwl.prototxt': 'not BVLC caffe.proto',
  'cwlacewe-netscope/presets/SSD300.prototxt': 'not BVLC caffe.proto',
  'cwlacewe-netscope/presets/VGG_VOC0712Plus_SSD_300x300_ft_deploy.prototxt': 'not BVLC caffe.proto',
  'cwlacewe-netscope/presets/fasterRCNN_ResNet.prototxt': 'not BVLC caffe.proto',
  // V1 `type: CROP` is not a V1LayerType.
  'cwlacewe-netscope/presets/fcn-8s-pascal.prototxt': 'not BVLC caffe.proto',
  // Its only data layer is TRAIN-only; its losses lack a label bottom.
  'cwlacewe-netscope/presets/inceptionv3.prototxt': 'Caffe would not build it (unknown-bottom)',
  'cwlacewe-netscope/presets/inceptionv4.prototxt': 'Caffe would not build it (bottom-count)',
  // Mixes `layer` and `layers`: Caffe keeps the V1 ones, which read the dropped 'data'.
  'cwlacewe-netscope/presets/vgg-16.prototxt': 'Caffe would not build it (unknown-bottom)',
  'cwlacewe-netscope/presets/zynqnet.prototxt': 'Caffe would not build it (bottom-count)',
  'cwlacewe-netscope/presets/nin.prototxt': 'reads its input through Data',
  'deepscale-squeezenet/SqueezeNet_v1.0/train_val.prototxt': 'reads its input through Data',
  'deepscale-squeezenet/SqueezeNet_v1.1/train_val.prototxt': 'reads its input through Data',
  'hujie-frank-senet/models/SE-ResNeXt-50.prototxt': 'fork layer Axpy',
  'hujie-frank-senet/models/SE-ResNet-50.prototxt': 'fork layer Axpy',
  'rbgirshick-py-faster-rcnn/models/coco/VGG_CNN_M_1024/faster_rcnn_end2end/test.prototxt': 'not BVLC caffe.proto',
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/fast_rcnn/test.prototxt': 'not BVLC caffe.proto',
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/fast_rcnn/train.prototxt': 'not BVLC caffe.proto',
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/faster_rcnn_end2end/test.prototxt': 'not BVLC caffe.proto',
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/faster_rcnn_end2end/train.prototxt': 'not BVLC caffe.proto',
  'rbgirshick-py-faster-rcnn/models/pascal_voc/ZF/faster_rcnn_end2end/train.prototxt': 'not BVLC caffe.proto',
  // PoolingParameter.ceil_mode is a fork field.
  'shicai-densenet-caffe/DenseNet_121.prototxt': 'not BVLC caffe.proto',
  'shicai-densenet-caffe/DenseNet_161.prototxt': 'not BVLC caffe.proto',
};

const NET_FORMATS = new Set(['v0', 'v1', 'v2', 'mixed']);

describe('shapes: the shared corpus', () => {
  const nets = [...corpusManifest()].filter(([, row]) => NET_FORMATS.has(row.format)).map(([path]) => path);

  it('has the nets this test expects', () => {
    for (const path of Object.keys(NOT_STATED)) assert.ok(nets.includes(path), `${path} is not in the corpus`);
    // Deploy nets of every format and family (AlexNet to MobileNet v2, V0 LeNet, LSTM) remain.
    assert.ok(nets.length - Object.keys(NOT_STATED).length >= 20, `${nets.length} nets`);
  });

  for (const path of nets) {
    const expectedReason = NOT_STATED[path];
    const title = expectedReason ? `${path}: not all knowable (${expectedReason})` : `${path}: every blob gets a shape`;
    it(title, () => {
      const a = analyze(readFileSync(join(corpusDir, path), 'utf8'), { phase: 'TEST' });
      assert.ok(a.net && a.shapes);
      assert.equal(whyNotAllKnown(a), expectedReason);
      if (expectedReason) return;
      const unknown = [...a.shapes.blobDims].filter(([, d]) => !d || d.includes(null)).map(([name, d]) => `${name} ${formatDims(d)}`);
      assert.deepEqual(unknown, []);
      assert.deepEqual(a.shapes.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      for (const l of a.shapes.layers) for (const p of l.params) assert.ok(p.shape, `${l.layer.name} ${p.role}`);
    });
  }
});
