/**
 * caffe-lint: the command-line front of the analysis core, for CI and other editors.
 *   caffe-lint [--format text|json|sarif] [--phase TRAIN|TEST] [--stage S]... [--level N] FILE...
 *   caffe-lint inspect [--scheme SCHEME] [--phase TRAIN|TEST] [--stage S]... [--level N] FILE
 * Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, type AnalysisSettings } from './core/analysis';
import { inspectReport } from './core/features/inspect-report';
import { parseScheme, type Scheme } from './core/signal/schemes';
import { formatJson, formatSarif, formatText, type FileResult } from './cli/formats';

const VERSION = '0.1.0';

const USAGE = `Usage:
  caffe-lint [--format text|json|sarif] [--phase TRAIN|TEST] [--stage S]... [--level N] FILE...
  caffe-lint inspect [--scheme SCHEME] [--phase TRAIN|TEST] [--stage S]... [--level N] FILE

Options:
  --format   text (file:line:col: severity code: message), json, or sarif (SARIF 2.1.0)
  --phase    the phase whose layers are analysed (include/exclude rules); default TRAIN
  --stage    a net-state stage for include/exclude rules (repeatable)
  --level    the net-state level for include/exclude rules; default 0
  --scheme   inspect only: add "signal", the forward mean/variance and backward gradient variance
             per layer with the weights as-written, or refilled by xavier, msra, glorot or
             gaussian:STD (STD > 0); without --scheme the report has no "signal"

Checks Caffe prototxt files (nets and solvers) against BVLC caffe.proto and Caffe's own rules.
Exit status: 0 when no file has errors, 1 when one does, 2 on usage or I/O errors.`;

class UsageError extends Error {}

function main(argv: string[]): number {
  const inspect = argv[0] === 'inspect';
  const { values, positionals } = parseArgs({
    args: inspect ? argv.slice(1) : argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      phase: { type: 'string', default: 'TRAIN' },
      stage: { type: 'string', multiple: true, default: [] },
      level: { type: 'string', default: '0' },
      scheme: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(`caffe-lint ${VERSION}\n`);
    return 0;
  }
  const phase = values.phase?.toUpperCase();
  if (phase !== 'TRAIN' && phase !== 'TEST') throw new UsageError(`--phase must be TRAIN or TEST, not "${values.phase}"`);
  const level = Number(values.level);
  if (!Number.isInteger(level)) throw new UsageError(`--level must be an integer, not "${values.level}"`);
  const settings: Partial<AnalysisSettings> = { phase, level, stages: values.stage ?? [] };
  if (positionals.length === 0) throw new UsageError('no input file');

  let scheme: Scheme | undefined;
  if (values.scheme !== undefined) {
    if (!inspect) throw new UsageError('--scheme goes with inspect');
    scheme = parseScheme(values.scheme);
    if (!scheme) throw new UsageError(`--scheme must be as-written, xavier, msra, glorot or gaussian:STD with STD > 0, not "${values.scheme}"`);
  }

  if (inspect) {
    if (positionals.length !== 1) throw new UsageError('inspect takes exactly one file');
    const analysis = analyze(readInput(positionals[0]), settings);
    process.stdout.write(JSON.stringify(inspectReport(analysis, { scheme }), null, 2) + '\n');
    return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  }

  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const results: FileResult[] = positionals.map((file) => ({ file, analysis: analyze(readInput(file), settings) }));
  const out = format === 'json' ? formatJson(results) : format === 'sarif' ? formatSarif(results, VERSION) : formatText(results);
  if (out) process.stdout.write(out + '\n');
  return results.some((r) => r.analysis.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

class InputError extends Error {}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`caffe-lint: ${(err as Error).message}\n${usage ? '\n' + USAGE + '\n' : ''}`);
  process.exitCode = 2;
  if (!usage && !(err instanceof InputError)) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
}
