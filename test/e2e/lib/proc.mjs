// Runs a child process, streaming its output with a prefix and resolving with its exit code and
// the captured text (so callers can both show progress and parse counts).
import { spawn } from 'node:child_process';

export function run(cmd, args, { cwd, env, prefix = '', quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (stream, sink) => {
      let pending = '';
      stream.on('data', (chunk) => {
        const text = chunk.toString();
        output += text;
        if (quiet) return;
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) sink.write(prefix + line + '\n');
      });
      stream.on('end', () => { if (!quiet && pending) sink.write(prefix + pending + '\n'); });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('error', (err) => resolve({ code: 127, output: output + String(err) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

export const seconds = (startMs) => ((Date.now() - startMs) / 1000).toFixed(1);
