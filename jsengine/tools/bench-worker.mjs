// The Node 22 reference for wasmhost's benchmarks: calls a module worker's fetch in-process
// (no HTTP, as the Go benchmark calls Pool.Serve) and prints nanoseconds per request: wall
// time, then the process's CPU time (user + system), separated by a space.
//   node jsengine/tools/bench-worker.mjs worker.js url iterations
const [file, url, iterations] = process.argv.slice(2);
const { default: worker } = await import(file);
const ctx = { waitUntil() {}, passThroughOnException() {} };
async function once() {
  const res = await worker.fetch(new Request(url), {}, ctx);
  await res.arrayBuffer();
}
const n = Number(iterations);
for (let i = 0; i < Math.min(n, 500); i++) await once(); // warm the JIT
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < n; i++) await once();
const wall = Number(process.hrtime.bigint() - start) / n;
const used = process.cpuUsage(cpu);
process.stdout.write(`${wall} ${((used.user + used.system) * 1000) / n}`);
