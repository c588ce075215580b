// A module worker that answers one fuzz case (testdata/fuzzcase.mjs): POST the case as JSON, get
// the result as JSON. Used by jsengine/fuzz_test.go.
import { runCase } from './fuzzcase.mjs';

export default {
  async fetch(request) {
    const result = await runCase(await request.json());
    return new Response(JSON.stringify(result), { headers: { 'content-type': 'application/json' } });
  },
};
