// AbortController, AbortSignal.
import { check } from './harness.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const reasonOf = (s) => (s.reason instanceof Error || s.reason instanceof DOMException
  ? [s.reason.name, s.reason.message, s.reason.code] : s.reason);

check('abort/controller initial', () => {
  const c = new AbortController();
  return [c.signal.aborted, c.signal.reason, c.signal.onabort, c.signal === c.signal, c.signal instanceof EventTarget,
    Object.prototype.toString.call(c), Object.prototype.toString.call(c.signal)];
});
check('abort/abort default reason', () => {
  const c = new AbortController();
  c.abort();
  return [c.signal.aborted, reasonOf(c.signal)];
});
check('abort/abort custom reasons', () => [0, '', null, false, 'why', { a: 1 }].map((r) => {
  const c = new AbortController();
  c.abort(r);
  return [c.signal.aborted, c.signal.reason];
}));
check('abort/abort error reason identity', () => {
  const c = new AbortController();
  const err = new TypeError('custom');
  c.abort(err);
  return c.signal.reason === err;
});
check('abort/abort twice keeps first reason and fires once', () => {
  const c = new AbortController();
  let n = 0;
  c.signal.addEventListener('abort', () => n++);
  c.abort('first');
  c.abort('second');
  return [n, c.signal.reason];
});
check('abort/abort event', () => {
  const c = new AbortController();
  const seen = [];
  c.signal.addEventListener('abort', function (e) {
    seen.push(e.type, e.isTrusted, e.bubbles, e.cancelable, e.target === c.signal, this === c.signal, c.signal.aborted,
      e instanceof Event, e.eventPhase);
  });
  c.abort();
  return seen;
});
check('abort/onabort', () => {
  const c = new AbortController();
  const seen = [];
  c.signal.addEventListener('abort', () => seen.push('listener1'));
  c.signal.onabort = () => seen.push('wrong');
  c.signal.addEventListener('abort', () => seen.push('listener2'));
  const h = function (e) { seen.push('onabort', this === c.signal, e.type); };
  c.signal.onabort = h;
  seen.push(c.signal.onabort === h);
  c.abort();
  return seen;
});
check('abort/onabort cleared', () => {
  const c = new AbortController();
  let n = 0;
  c.signal.onabort = () => n++;
  c.signal.onabort = null;
  const a = c.signal.onabort;
  c.signal.onabort = 5;
  c.abort();
  return [n, a, c.signal.onabort];
});
check('abort/onabort reset moves to end', () => {
  const c = new AbortController();
  const seen = [];
  c.signal.onabort = () => seen.push('h1');
  c.signal.addEventListener('abort', () => seen.push('l'));
  c.signal.onabort = null;
  c.signal.onabort = () => seen.push('h2');
  c.abort();
  return seen;
});
check('abort/throwIfAborted', () => {
  const c = new AbortController();
  const before = c.signal.throwIfAborted();
  c.abort('stop');
  try { c.signal.throwIfAborted(); } catch (e) { return [before, e]; }
  return 'no throw';
});
check('abort/throwIfAborted default', () => AbortSignal.abort().throwIfAborted());
check('abort/AbortSignal.abort', () => {
  const s = AbortSignal.abort();
  const t = AbortSignal.abort('because');
  return [s.aborted, reasonOf(s), t.aborted, t.reason, AbortSignal.abort(undefined).reason.name];
});
check('abort/AbortSignal.abort no event later', async () => {
  const s = AbortSignal.abort();
  let n = 0;
  s.addEventListener('abort', () => n++);
  await sleep(1);
  return n;
});
check('abort/AbortSignal constructor', () => new AbortSignal());
check('abort/AbortSignal call', () => AbortSignal());
check('abort/AbortController call', () => AbortController());
check('abort/AbortSignal brand check', () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call(new EventTarget()));
check('abort/AbortController brand check', () => AbortController.prototype.abort.call({}));
check('abort/prototype keys', () => [Object.keys(AbortSignal.prototype), Object.keys(AbortController.prototype)]);
check('abort/statics', () => ['abort', 'timeout', 'any'].map((k) => typeof AbortSignal[k]));
check('abort/timeout reason', async () => {
  const s = AbortSignal.timeout(5);
  const seen = [s.aborted];
  s.addEventListener('abort', (e) => seen.push('event', e.type, s.aborted));
  await sleep(30);
  return [seen, reasonOf(s)];
});
check('abort/timeout 0', async () => {
  const s = AbortSignal.timeout(0);
  const a = s.aborted;
  await sleep(20);
  return [a, s.aborted, s.reason.name];
});
check('abort/timeout negative', () => AbortSignal.timeout(-1));
check('abort/timeout NaN', () => AbortSignal.timeout(NaN));
check('abort/timeout fraction', () => AbortSignal.timeout(1.5));
check('abort/timeout string', () => AbortSignal.timeout('5'));
check('abort/timeout too big', () => AbortSignal.timeout(2 ** 53));
check('abort/timeout missing', () => AbortSignal.timeout());
check('abort/any basic', () => {
  const a = new AbortController();
  const b = new AbortController();
  const s = AbortSignal.any([a.signal, b.signal]);
  const seen = [s.aborted];
  s.addEventListener('abort', () => seen.push('event', s.reason));
  b.abort('b-reason');
  a.abort('a-reason');
  return [seen, s.aborted, s.reason];
});
check('abort/any already aborted', () => {
  const a = new AbortController();
  const s = AbortSignal.any([a.signal, AbortSignal.abort('pre'), AbortSignal.abort('pre2')]);
  return [s.aborted, s.reason];
});
check('abort/any empty', () => {
  const s = AbortSignal.any([]);
  return [s.aborted, s.reason];
});
check('abort/any order of events', () => {
  const a = new AbortController();
  const seen = [];
  const s1 = AbortSignal.any([a.signal]);
  const s2 = AbortSignal.any([s1]);
  s2.addEventListener('abort', () => seen.push('s2', s1.aborted, a.signal.aborted));
  s1.addEventListener('abort', () => seen.push('s1', s2.aborted));
  a.signal.addEventListener('abort', () => seen.push('a', s1.aborted, s2.aborted));
  a.abort('r');
  return [seen, s2.reason];
});
check('abort/any of dependent follows sources', () => {
  const a = new AbortController();
  const b = new AbortController();
  const s1 = AbortSignal.any([a.signal, b.signal]);
  const s2 = AbortSignal.any([s1]);
  b.abort('from-b');
  return [s1.reason, s2.reason, s2.aborted];
});
check('abort/any with timeout', async () => {
  const a = new AbortController();
  const s = AbortSignal.any([a.signal, AbortSignal.timeout(5)]);
  await sleep(30);
  return [s.aborted, reasonOf(s)];
});
check('abort/any iterable', () => {
  const a = new AbortController();
  const s = AbortSignal.any(new Set([a.signal, a.signal]));
  let n = 0;
  s.addEventListener('abort', () => n++);
  a.abort();
  return [n, s.reason.name];
});
check('abort/any bad element', () => AbortSignal.any([new AbortController().signal, 1]));
check('abort/any string', () => AbortSignal.any('ab'));
check('abort/any missing', () => AbortSignal.any());
check('abort/any not iterable', () => AbortSignal.any({}));
check('abort/listener signal option on signal', () => {
  const a = new AbortController();
  const b = new AbortController();
  let n = 0;
  a.signal.addEventListener('abort', () => n++, { signal: b.signal });
  b.abort();
  a.abort();
  return n;
});
check('abort/listener removing itself', () => {
  const c = new AbortController();
  const seen = [];
  const f = () => { seen.push('f'); c.signal.removeEventListener('abort', g); };
  const g = () => seen.push('g');
  c.signal.addEventListener('abort', f);
  c.signal.addEventListener('abort', g);
  c.abort();
  return seen;
});
check('abort/abort inside abort listener', () => {
  const a = new AbortController();
  const b = new AbortController();
  const seen = [];
  a.signal.addEventListener('abort', () => { seen.push('a'); b.abort('nested'); seen.push('a-end'); });
  b.signal.addEventListener('abort', () => seen.push('b', b.signal.reason));
  a.abort();
  return seen;
});
check('abort/reason DOMException shape', () => {
  const c = new AbortController();
  c.abort();
  const r = c.signal.reason;
  return [r instanceof DOMException, r instanceof Error, r.code, DOMException.ABORT_ERR, r.name];
});
check('abort/timeout reason shape', async () => {
  const s = AbortSignal.timeout(1);
  await sleep(20);
  return [s.reason instanceof DOMException, s.reason.code, DOMException.TIMEOUT_ERR];
});
