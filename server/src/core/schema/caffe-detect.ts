/**
 * Is a generic text-format protobuf file (.pbtxt, .txtpb, .textproto) a Caffe net or solver?
 * Used to switch such files to the `prototxt` language without claiming every text proto.
 *
 * 1. The text-format spec's header comments decide when present: `# proto-message: caffe.X`
 *    is ours, and so is a `# proto-file: …caffe.proto` header; any other proto-message or
 *    proto-file is not. A bare NetParameter / SolverParameter with no proto-file leaves it to 2.
 * 2. Otherwise the top-level field names of the first few kilobytes decide: at least one field
 *    only Caffe uses, and more NetParameter / SolverParameter fields than foreign ones.
 */

/** How much of the file the content check reads. */
export const DETECT_WINDOW = 4096;

/**
 * Extensions of generic text protos (the spec's canonical `.txtpb` and its legacy names). We never
 * claim them by extension; a file with one of them is switched to prototxt only by its content.
 */
export const TEXTPROTO_EXTENSIONS = ['.txtpb', '.textproto', '.textpb', '.pbtxt'];

export function isTextprotoPath(path: string): boolean {
  const lower = path.toLowerCase();
  return TEXTPROTO_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Top-level fields of NetParameter and SolverParameter that other text protos rarely use. */
const DISTINCTIVE_FIELDS = new Set([
  // NetParameter
  'layer', 'layers', 'input_shape', 'input_dim', 'force_backward',
  // SolverParameter
  'base_lr', 'lr_policy', 'solver_mode', 'solver_type', 'max_iter', 'test_iter', 'test_interval',
  'snapshot_prefix', 'train_net', 'test_net', 'net_param', 'train_net_param', 'test_net_param',
  'weight_decay', 'stepvalue', 'iter_size', 'average_loss', 'test_initialization',
]);

/** The remaining top-level fields of NetParameter and SolverParameter (generic on their own). */
const OTHER_CAFFE_FIELDS = new Set([
  // NetParameter
  'name', 'input', 'state', 'debug_info',
  // SolverParameter
  'net', 'display', 'gamma', 'power', 'momentum', 'stepsize', 'snapshot', 'snapshot_diff',
  'snapshot_format', 'snapshot_after_train', 'device_id', 'test_compute_loss', 'random_seed',
  'train_state', 'test_state', 'regularization_type', 'delta', 'clip_gradients', 'rms_decay',
  'momentum2', 'type', 'layer_wise_reduce', 'weights',
]);

/** Messages a bare (unqualified) proto-message header may name under a caffe.proto proto-file. */
const UNQUALIFIED_ROOTS = new Set(['NetParameter', 'SolverParameter']);

const HEADER = /^#\s*proto-(file|message)\s*:\s*(\S+)/;

export function looksLikeCaffeText(text: string): boolean {
  const head = text.slice(0, DETECT_WINDOW).replace(/^\uFEFF/, '');
  const header = headerVerdict(head);
  if (header !== undefined) return header;
  return contentVerdict(topLevelFieldNames(head));
}

/** true / false when the leading comment block carries a proto-file or proto-message header. */
function headerVerdict(head: string): boolean | undefined {
  let file: string | undefined;
  let message: string | undefined;
  for (const rawLine of head.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    const match = HEADER.exec(line);
    if (!match) continue;
    if (match[1] === 'file') file ??= match[2];
    else message ??= match[2];
  }
  const caffeFile = file !== undefined ? /(^|[\/\\])caffe\.proto$/.test(file) : undefined;
  if (message !== undefined) {
    const name = message.replace(/^\./, '');
    if (/^caffe\.[A-Za-z_]\w*$/.test(name)) return true;
    if (!UNQUALIFIED_ROOTS.has(name)) return false;
    // A bare NetParameter / SolverParameter falls through: the proto-file, or else the content, decides.
  }
  return caffeFile;
}

function contentVerdict(names: Set<string>): boolean {
  let distinctive = 0;
  let known = 0;
  let foreign = 0;
  for (const name of names) {
    if (DISTINCTIVE_FIELDS.has(name)) {
      distinctive++;
      known++;
    } else if (OTHER_CAFFE_FIELDS.has(name)) {
      known++;
    } else {
      foreign++;
    }
  }
  return distinctive > 0 && foreign < known;
}

/**
 * The distinct field names at nesting depth 0. A small scanner, not the real parser: it skips
 * comments and strings and counts brackets, which is all a sniff of the first kilobytes needs.
 */
export function topLevelFieldNames(text: string): Set<string> {
  const names = new Set<string>();
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
    } else if (c === '"' || c === "'") {
      i = skipString(text, i);
    } else if (c === '{' || c === '<' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === '>' || c === ']') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < text.length && /\w/.test(text[end])) end++;
      // A field name is followed by ':' or an opening bracket; a value identifier never is.
      if (depth === 0 && /^\s*[:{<\[]/.test(text.slice(end, end + 64))) names.add(text.slice(i, end));
      i = end;
    } else {
      i++;
    }
  }
  return names;
}

/** Index just past the string starting at `start` (strings end at their quote or the line end). */
function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return text.length;
}
