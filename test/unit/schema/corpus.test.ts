/**
 * The schema stage on the real corpus: files that use only BVLC caffe.proto get no syntax or
 * schema error; the others are listed here with the reason, and must error for exactly that reason.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { corpusDir, corpusFiles } from '../../helpers/paths';

/** Corpus file → the error codes it must produce (and why). */
const EXPECTED_ERRORS: Record<string, { codes: string[]; why: string }> = {
  'cwlacewe-netscope/presets/ResNet-50_merged.qconv.winograd.cwl.prototxt': {
    codes: ['fork-field', 'unknown-field'],
    why: 'a quantisation fork: quantization_param and its own convolution/eltwise fields (is_int8_output, reorg_input, …)',
  },
  'cwlacewe-netscope/presets/SSD300.prototxt': { codes: ['fork-field'], why: 'SSD layers: norm_param, permute_param, prior_box_param, detection_output_param' },
  'cwlacewe-netscope/presets/VGG_VOC0712Plus_SSD_300x300_ft_deploy.prototxt': { codes: ['fork-field'], why: 'SSD layers, as above' },
  'cwlacewe-netscope/presets/fasterRCNN_ResNet.prototxt': { codes: ['fork-field'], why: 'Faster R-CNN: roi_pooling_param' },
  'cwlacewe-netscope/presets/fcn-8s-pascal.prototxt': { codes: ['unknown-enum-value'], why: 'a V1 `layers { type: CROP }`: CROP was never a V1 LayerType in BVLC Caffe' },
  'rbgirshick-py-faster-rcnn/models/coco/VGG_CNN_M_1024/faster_rcnn_end2end/test.prototxt': { codes: ['fork-field'], why: 'roi_pooling_param' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/fast_rcnn/test.prototxt': { codes: ['fork-field'], why: 'roi_pooling_param' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/fast_rcnn/train.prototxt': { codes: ['fork-field'], why: 'roi_pooling_param' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/faster_rcnn_end2end/test.prototxt': { codes: ['fork-field'], why: 'roi_pooling_param' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/VGG16/faster_rcnn_end2end/train.prototxt': { codes: ['fork-field'], why: 'roi_pooling_param, smooth_l1_loss_param' },
  'rbgirshick-py-faster-rcnn/models/pascal_voc/ZF/faster_rcnn_end2end/train.prototxt': {
    codes: ['fork-field'],
    why: 'roi_pooling_param, smooth_l1_loss_param, and the fork\'s dropout_param { scale_train }',
  },
  'shicai-densenet-caffe/DenseNet_121.prototxt': { codes: ['fork-field'], why: 'pooling_param { ceil_mode } (the unmerged BVLC pull request #3057)' },
  'shicai-densenet-caffe/DenseNet_161.prototxt': { codes: ['fork-field'], why: 'pooling_param { ceil_mode }' },
  'weiliu89-caffe-ssd/data/VOC0712/labelmap_voc.prototxt': { codes: ['unknown-field'], why: 'an SSD LabelMap, a message BVLC caffe.proto does not have' },
};

describe('schema stage on the corpus', () => {
  for (const rel of corpusFiles()) {
    const expected = EXPECTED_ERRORS[rel];
    it(`${rel}: ${expected ? `errors (${expected.why})` : 'no syntax or schema error'}`, () => {
      const a = analyze(readFileSync(join(corpusDir, rel), 'utf8'));
      const codes = [...new Set([...a.syntax.errors, ...a.schema.diagnostics].filter((d) => d.severity === 'error').map((d) => d.code))].sort();
      assert.deepEqual(codes, expected ? [...expected.codes].sort() : []);
    });
  }

  it('lists only files that exist', () => {
    const files = new Set(corpusFiles());
    assert.deepEqual(Object.keys(EXPECTED_ERRORS).filter((f) => !files.has(f)), []);
  });
});
