// The Node side of jsengine/fuzz_test.go: reads one fuzz case (JSON, testdata/fuzzcase.mjs) per
// line on stdin and writes its result as one JSON line on stdout, in order. One process serves a
// whole fuzz worker, so Node starts once, not once per input.
//   node jsengine/tools/fuzz-oracle.mjs
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const { runCase } = await import(path.join(here, '..', 'testdata', 'fuzzcase.mjs'));

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let out;
  try {
    out = await runCase(JSON.parse(line));
  } catch (e) {
    out = { oracleError: String(e && e.stack) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
