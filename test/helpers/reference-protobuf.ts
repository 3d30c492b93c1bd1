/**
 * protobuf's own parsers as references: Debian's protoc (C++ TextFormat, as Caffe uses) and
 * python3-protobuf's json_format. Tests compare our verdicts and JSON with theirs. When the tools
 * are missing the tests skip — unless PROTOTXT_LENS_REQUIRE_REFERENCE=1 (set by .ci/run), which
 * turns a missing tool into a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths';

const PROTOC = ['/usr/bin/protoc', '/usr/local/bin/protoc'].find(existsSync);
// Debian's python3 has the python3-protobuf package; a pyenv python usually does not.
const PYTHON = '/usr/bin/python3';

let protoDir: string | undefined;

/** A temp folder holding caffe.proto written from the schema facts (and caffe_pb2.py once asked). */
function caffeProtoDir(): string {
  if (!protoDir) {
    protoDir = mkdtempSync(join(tmpdir(), 'prototxt-lens-proto-'));
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/write-caffe-proto.mjs'), join(protoDir, 'caffe.proto')]);
    if (r.status !== 0) throw new Error(`write-caffe-proto failed: ${r.stderr}`);
  }
  return protoDir;
}

export function referenceAvailable(): { protoc: boolean; python: boolean } {
  const python = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import google.protobuf.json_format']).status === 0;
  return { protoc: PROTOC !== undefined, python: python && PROTOC !== undefined };
}

/** Skips the calling suite when the tools are missing, unless CI requires them. */
export function requireReference(ctx: Mocha.Context, what: 'protoc' | 'python'): void {
  if (referenceAvailable()[what]) return;
  if (process.env.PROTOTXT_LENS_REQUIRE_REFERENCE === '1') throw new Error(`${what} reference is required but not installed`);
  console.warn(`  (skipped: ${what} reference parser not installed)`);
  ctx.skip();
}

export interface ProtocVerdict {
  accepted: boolean;
  stderr: string;
}

/**
 * What Caffe's parser says of `text` as `message`: protoc --encode runs C++ TextFormat; it only
 * warns about missing required fields (it parses partially), which TextFormat::Parse rejects.
 */
export function protocVerdict(text: string, message = 'caffe.NetParameter'): ProtocVerdict {
  const dir = caffeProtoDir();
  const r = spawnSync(PROTOC!, [`--proto_path=${dir}`, `--encode=${message}`, join(dir, 'caffe.proto')], { input: Buffer.from(text, 'utf8'), maxBuffer: 64 << 20 });
  const stderr = r.stderr.toString();
  return { accepted: r.status === 0 && !/missing required fields/.test(stderr), stderr };
}

/** json_format.MessageToDict(preserving_proto_field_name=True) of each file, or null where it does not parse. */
export function pythonMessageToDict(files: { path: string; message: string }[]): (unknown | null)[] {
  const dir = caffeProtoDir();
  if (!existsSync(join(dir, 'caffe_pb2.py'))) {
    const r = spawnSync(PROTOC!, [`--proto_path=${dir}`, `--python_out=${dir}`, join(dir, 'caffe.proto')]);
    if (r.status !== 0) throw new Error(`protoc --python_out failed: ${r.stderr}`);
  }
  const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(dir)})
import caffe_pb2
from google.protobuf import text_format, json_format
out = []
for item in json.load(sys.stdin):
    msg = getattr(caffe_pb2, item['message'].split('.')[-1])()
    try:
        with open(item['path'], encoding='utf-8') as f:
            text_format.Parse(f.read(), msg)
        out.append(json_format.MessageToDict(msg, preserving_proto_field_name=True))
    except Exception as e:
        out.append(None)
json.dump(out, sys.stdout)
`;
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(files), maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}
