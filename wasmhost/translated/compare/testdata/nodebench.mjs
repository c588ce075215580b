// The reference for compare's bench() timings: the same cpu.js in Node 22 (in a vm context,
// as a classic script like in the engine), warmed up, then timed. Prints the answer, then
// the min and median wall time and the mean process CPU time per run, in ms.
import fs from "node:fs";
import vm from "node:vm";
const runs = Number(process.argv[3] || 30);
const ctx = vm.createContext({});
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), ctx);
const out = vm.runInContext("bench()", ctx);
for (let i = 0; i < 20; i++) vm.runInContext("bench()", ctx);
const d = [];
const c0 = process.cpuUsage();
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  vm.runInContext("bench()", ctx);
  d.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const c = process.cpuUsage(c0);
d.sort((a, b) => a - b);
console.log(`node ${out} wall ${d[0].toFixed(3)} / ${d[runs >> 1].toFixed(3)}; CPU ${((c.user + c.system) / 1000 / runs).toFixed(3)} (mean)`);
