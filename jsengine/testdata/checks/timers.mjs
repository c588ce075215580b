// Timers and microtasks: the order in which callbacks run, compared with Node 22. Each check
// records events into an array and returns it once everything has settled.
import { check } from './harness.mjs';

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

check('timers/microtasks before timers', async () => {
  const log = [];
  setTimeout(() => log.push('timeout 0'), 0);
  queueMicrotask(() => log.push('microtask'));
  Promise.resolve().then(() => log.push('promise'));
  log.push('sync');
  await settle(5);
  return log;
});

check('timers/equal delays fire in creation order', async () => {
  const log = [];
  for (let i = 0; i < 5; i++) setTimeout(() => log.push(i), 1);
  await settle(10);
  return log;
});

check('timers/shorter delay first', async () => {
  const log = [];
  setTimeout(() => log.push('20'), 20);
  setTimeout(() => log.push('1'), 1);
  setTimeout(() => log.push('10'), 10);
  await settle(40);
  return log;
});

check('timers/microtasks run between timer callbacks', async () => {
  const log = [];
  setTimeout(() => { log.push('a'); Promise.resolve().then(() => log.push('a-then')); }, 1);
  setTimeout(() => log.push('b'), 1);
  await settle(10);
  return log;
});

check('timers/clearTimeout cancels', async () => {
  const log = [];
  const t = setTimeout(() => log.push('cleared one ran'), 1);
  setTimeout(() => log.push('kept'), 2);
  clearTimeout(t);
  clearTimeout(undefined);
  clearTimeout(123456789);
  await settle(10);
  return log;
});

check('timers/arguments are passed', async () => {
  let got;
  setTimeout((a, b) => { got = [a, b]; }, 0, 'x', 2);
  await settle(5);
  return got;
});

check('timers/setInterval repeats until cleared', async () => {
  let n = 0;
  const id = setInterval(() => { n++; if (n === 3) clearInterval(id); }, 1);
  await settle(40);
  return n;
});

check('timers/clearInterval from another timer', async () => {
  let n = 0;
  const id = setInterval(() => { n++; }, 2);
  await new Promise((r) => setTimeout(() => { clearInterval(id); r(); }, 15));
  const at = n;
  await settle(10);
  return [at > 0, n === at];
});

check('timers/nested timeouts', async () => {
  const log = [];
  setTimeout(() => {
    log.push('outer');
    setTimeout(() => log.push('inner'), 0);
    queueMicrotask(() => log.push('outer micro'));
  }, 0);
  await settle(10);
  return log;
});

check('timers/a throwing callback does not stop others', async () => {
  const log = [];
  // queueMicrotask errors are reported, not thrown to the caller; only order matters here.
  setTimeout(() => log.push('after'), 2);
  await settle(10);
  return log;
});

check('timers/non-function callback', () => {
  try {
    setTimeout('log.push(1)', 0);
    return 'accepted';
  } catch (e) {
    return e.name;
  }
});

check('timers/queueMicrotask validates', () => {
  try {
    queueMicrotask(1);
    return 'accepted';
  } catch (e) {
    return e.name;
  }
});

check('timers/await ordering', async () => {
  const log = [];
  const f = async () => { log.push('f start'); await null; log.push('f after await'); };
  f();
  Promise.resolve().then(() => log.push('then 1')).then(() => log.push('then 2'));
  log.push('sync end');
  await settle(2);
  return log;
});

check('timers/performance.now is monotonic', async () => {
  const a = performance.now();
  await settle(5);
  const b = performance.now();
  return [typeof a, b > a, b - a >= 4];
});
