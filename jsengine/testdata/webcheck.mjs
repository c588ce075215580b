// A module worker that runs every conformance check and answers with the results as JSON.
// GET /?only=<prefix> runs the checks whose names start with the prefix.
// The same file runs under Node 22 (jsengine/tools/run-checks.mjs) and inside kitwasm.
import { runAll } from './checks/harness.mjs';
import './checks/all.mjs';

export default {
  async fetch(request) {
    const only = new URL(request.url).searchParams.get('only') || undefined;
    const results = await runAll(only);
    return new Response(JSON.stringify(results, null, 1), {
      headers: { 'content-type': 'application/json' },
    });
  },
};
