// The Node 22 side of jsengine's TestWPTURL: runs url.mjs over the WPT data files in the
// directory given as the first argument and prints the results as JSON.
//   node jsengine/testdata/wpt/node.mjs <dir with urltestdata.json ...>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runAll } from './url.mjs';

const dir = process.argv[2];
const read = (f) => JSON.parse(readFileSync(path.join(dir, f + '.json'), 'utf8'));
const data = {};
for (const f of ['urltestdata', 'setters_tests', 'toascii', 'IdnaTestV2']) data[f] = read(f);
process.stdout.write(JSON.stringify(runAll(data)));
