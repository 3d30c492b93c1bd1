/**
 * Which generic text-proto files (.pbtxt, .txtpb, .textproto) Prototxt Lens takes over: Caffe nets
 * and solvers, by header or by their top-level fields, and nothing else.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTextprotoPath, looksLikeCaffeText, topLevelFieldNames } from '../../../server/src/core/schema/caffe-detect';
import { corpusDir, corpusFiles, corpusManifest } from '../../helpers/paths';

const NET = `name: "LeNet"
layer {
  name: "data" type: "Input" top: "data"
  input_param { shape: { dim: 64 dim: 1 dim: 28 dim: 28 } }
}
`;

describe('looksLikeCaffeText', () => {
  describe('header comments', () => {
    it('takes a file whose proto-message header names a Caffe message, whatever its content', () => {
      assert.equal(looksLikeCaffeText('# proto-message: caffe.NetParameter\n'), true);
      assert.equal(looksLikeCaffeText('# proto-file: caffe/proto/caffe.proto\n# proto-message: caffe.SolverParameter\nfoo: 1\n'), true);
      assert.equal(looksLikeCaffeText('#proto-message:.caffe.NetParameter\nnode { name: "x" }\n'), true);
    });

    it('takes an unqualified NetParameter or SolverParameter under a caffe.proto proto-file, else asks the content', () => {
      assert.equal(looksLikeCaffeText('# proto-file: caffe.proto\n# proto-message: NetParameter\n'), true);
      assert.equal(looksLikeCaffeText('# proto-file: my/model.proto\n# proto-message: NetParameter\n' + NET), false);
      assert.equal(looksLikeCaffeText('# proto-message: SolverParameter\nbase_lr: 0.01\n'), true);
      assert.equal(looksLikeCaffeText('# proto-message: NetParameter\nnode { op: "Conv2D" }\n'), false);
    });

    it('leaves a file whose header names another message alone, even if it looks like a net', () => {
      assert.equal(looksLikeCaffeText('# proto-message: tensorflow.GraphDef\n' + NET), false);
      assert.equal(looksLikeCaffeText('# Model config.\n# proto-file: tensorflow/core/framework/graph.proto\n\nlayer { name: "a" }\n'), false);
    });

    it('takes a caffe.proto proto-file header without a proto-message', () => {
      assert.equal(looksLikeCaffeText('# proto-file: third_party/caffe/src/caffe/proto/caffe.proto\nitem { name: "x" }\n'), true);
    });

    it('reads headers only in the leading comment block', () => {
      assert.equal(looksLikeCaffeText('\uFEFF\n# A net.\n\n# proto-message: caffe.NetParameter\nfoo: 1\n'), true);
      assert.equal(looksLikeCaffeText('node { name: "x" }\n# proto-message: caffe.NetParameter\n'), false);
    });
  });

  describe('content', () => {
    it('takes V2 nets, deploy nets with inputs and V1 nets', () => {
      assert.equal(looksLikeCaffeText(NET), true);
      assert.equal(looksLikeCaffeText('name: "deploy"\ninput: "data"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 224\ninput_dim: 224\n'), true);
      assert.equal(looksLikeCaffeText('input: "data"\ninput_shape { dim: 1 dim: 3 }\n'), true);
      assert.equal(looksLikeCaffeText('name: "LeNet"\nlayers {\n  name: "conv1"\n  type: CONVOLUTION\n  bottom: "data"\n}\n'), true);
    });

    it('takes solvers', () => {
      assert.equal(looksLikeCaffeText('net: "train_val.prototxt"\nbase_lr: 0.01\nlr_policy: "step"\nsolver_mode: GPU\n'), true);
      assert.equal(looksLikeCaffeText('# The train/test net protocol buffer definition\ntrain_net: "a.prototxt"\ntest_iter: 100\n'), true);
    });

    it('leaves TensorFlow graphs, pipeline configs and other text protos alone', () => {
      const graphDef = 'node {\n  name: "input"\n  op: "Placeholder"\n  attr { key: "dtype" value { type: DT_FLOAT } }\n}\nversions { producer: 27 }\n';
      assert.equal(looksLikeCaffeText(graphDef), false);
      const pipeline = 'model {\n  ssd { num_classes: 90 }\n}\ntrain_config {\n  batch_size: 24\n}\n';
      assert.equal(looksLikeCaffeText(pipeline), false);
      const mediapipe = 'input_stream: "input_video"\noutput_stream: "output_video"\nnode {\n  calculator: "FlowLimiterCalculator"\n}\n';
      assert.equal(looksLikeCaffeText(mediapipe), false);
      const bazelLike = 'name: "//foo:bar"\ntype: "cc_library"\nattribute { name: "srcs" string_list_value: "a.cc" }\nrule_input: "//foo:baz"\n';
      assert.equal(looksLikeCaffeText(bazelLike), false);
    });

    it('needs more Caffe top-level fields than foreign ones', () => {
      // PaddlePaddle's legacy model config also has top-level `layers`, among its own fields.
      const paddle = 'type: "nn"\nlayers { name: "x" type: "data" size: 784 }\nparameters { name: "w" }\ninput_layer_names: "x"\noutput_layer_names: "y"\nsub_models { name: "root" }\n';
      assert.equal(looksLikeCaffeText(paddle), false);
      assert.equal(looksLikeCaffeText(NET + 'my_fork_option: 3\n'), true);
    });

    it('needs at least one field that only Caffe uses', () => {
      assert.equal(looksLikeCaffeText('name: "x"\ntype: "y"\n'), false);
      assert.equal(looksLikeCaffeText('net: "x"\ndisplay: 20\n'), false);
    });

    it('ignores names inside comments, strings and nested messages', () => {
      assert.equal(looksLikeCaffeText('# layer { base_lr: 1 }\nfoo: "layer { base_lr: 1 }"\nbar { layer { } }\n'), false);
    });

    it('says no to empty and blank files', () => {
      assert.equal(looksLikeCaffeText(''), false);
      assert.equal(looksLikeCaffeText('\n   \n# just a comment\n'), false);
    });

    it('reads only the first 4 KB', () => {
      assert.equal(looksLikeCaffeText('a: 1\n'.repeat(1000) + 'layer { }\n'), false);
      assert.equal(looksLikeCaffeText(NET + '# padding\n'.repeat(100_000)), true);
    });
  });

  it('takes every net and solver of the shared corpus, and not its SSD label map', () => {
    const manifest = corpusManifest();
    for (const rel of corpusFiles()) {
      const kind = manifest.get(rel)?.kind;
      const text = readFileSync(join(corpusDir, rel), 'utf8');
      assert.equal(looksLikeCaffeText(text), kind !== 'other', `${rel} (${kind})`);
    }
  });
});

describe('topLevelFieldNames', () => {
  it('lists names at depth 0 only, skipping values, comments and strings', () => {
    const names = topLevelFieldNames('a: B\nc { d: 1 }\ne: [f, g]\n# h: 1\ni: "j: {"\nk\n{ }\nl < m: 1 >\n');
    assert.deepEqual([...names].sort(), ['a', 'c', 'e', 'i', 'k', 'l']);
  });
});

describe('isTextprotoPath', () => {
  it('knows the text-format file extensions, in any case', () => {
    for (const p of ['/a/net.pbtxt', 'net.txtpb', 'C:/x/NET.TEXTPROTO', 'solver.textpb']) assert.ok(isTextprotoPath(p), p);
    for (const p of ['net.prototxt', 'net.txt', 'graph.pb', 'pbtxt']) assert.ok(!isTextprotoPath(p), p);
  });
});
