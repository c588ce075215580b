// Small globals: performance, navigator, self, console's shape.
import { check } from './harness.mjs';

const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const desc = (name) => {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  return d && { enumerable: d.enumerable, configurable: d.configurable, accessor: typeof d.get === 'function' };
};

check('globals/performance shape', () => ({
  type: typeof performance, tag: Object.prototype.toString.call(performance), desc: desc('performance'),
  now: typeof performance.now(), timeOrigin: typeof performance.timeOrigin,
  nowPositive: performance.now() >= 0, originSane: performance.timeOrigin > 1.5e12,
  monotonic: (() => { const a = performance.now(); const b = performance.now(); return b >= a; })(),
  nearDate: Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 5000,
  toJSON: typeof performance.toJSON().timeOrigin,
  methods: ['now', 'mark', 'measure', 'getEntries', 'getEntriesByName', 'getEntriesByType', 'clearMarks', 'clearMeasures', 'toJSON']
    .map((m) => typeof performance[m]),
  ctor: attempt(() => new Performance()),
  entryCtor: attempt(() => new PerformanceEntry()),
  classes: [typeof Performance, typeof PerformanceEntry, typeof PerformanceMark, typeof PerformanceMeasure],
}));

check('globals/performance marks and measures', () => {
  performance.clearMarks();
  performance.clearMeasures();
  const a = performance.mark('kw-a', { startTime: 10, detail: { x: [1] } });
  const b = performance.mark('kw-b', { startTime: 25.5 });
  const m = performance.measure('kw-m', 'kw-a', 'kw-b');
  const m2 = performance.measure('kw-m2', { start: 'kw-a', duration: 4, detail: 'd' });
  const m3 = performance.measure('kw-m3', { start: 12, end: 'kw-b' });
  const own = new PerformanceMark('kw-own', { startTime: 3 });
  const shape = (e) => [e.constructor.name, Object.prototype.toString.call(e), e.name, e.entryType, e.startTime, e.duration, e.detail];
  const result = {
    a: shape(a), b: shape(b), m: shape(m), m2: shape(m2), m3: shape(m3), own: shape(own),
    json: a.toJSON(), jsonKeys: Object.keys(m.toJSON()),
    detailCloned: a.detail !== undefined && a.detail.x[0] === 1,
    byName: performance.getEntriesByName('kw-a').map((e) => e.entryType),
    byNameType: performance.getEntriesByName('kw-m', 'mark').length,
    byType: performance.getEntriesByType('mark').map((e) => e.name),
    measures: performance.getEntriesByType('measure').map((e) => e.name),
    ownNotRecorded: performance.getEntriesByName('kw-own').length,
    missing: attempt(() => performance.measure('x', 'no-such-mark')),
    negative: attempt(() => performance.mark('neg', { startTime: -1 })),
    badOpts: attempt(() => performance.mark('bad', 5)),
    defaultTime: typeof performance.mark('kw-now').startTime,
    sinceOrigin: (() => { const e = performance.measure('kw-all'); return [e.startTime, e.duration >= 0]; })(),
  };
  performance.clearMarks('kw-a');
  result.afterClearOne = performance.getEntriesByType('mark').map((e) => e.name);
  performance.clearMarks();
  performance.clearMeasures();
  result.afterClear = performance.getEntries().length;
  return result;
});

check('globals/navigator', () => ({
  type: typeof navigator, desc: desc('navigator'),
  ua: typeof navigator.userAgent, uaNonEmpty: navigator.userAgent.length > 0,
  hc: typeof navigator.hardwareConcurrency, hcPositive: navigator.hardwareConcurrency >= 1,
  language: navigator.language, languages: navigator.languages, frozen: Object.isFrozen(navigator.languages),
  ctor: attempt(() => new Navigator()),
}));

check('globals/self', () => ({
  // Node 22 has no self; where it exists it is the global object.
  selfOk: typeof self === 'undefined' || self === globalThis,
  noGlobal: typeof global === 'undefined' || global === globalThis,
}));

check('globals/console shape', () => {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'time', 'timeLog', 'timeEnd',
    'count', 'countReset', 'assert', 'group', 'groupEnd', 'groupCollapsed'];
  return {
    type: typeof console, desc: desc('console'),
    methods: methods.map((m) => [m, typeof console[m]]),
    detached: (() => { const { log } = console; return typeof log; })(),
  };
});

check('globals/web idl operations', () => ['atob', 'btoa', 'structuredClone'].map((n) => [n, desc(n)]));
