// Small globals: performance (High Resolution Time, User Timing: marks and measures kept in
// memory), navigator (a minimal WorkerNavigator) and self. They replace whatever the engine's
// own libc layer defines under these names.

const ILLEGAL = Symbol('illegal constructor guard');
let detailOf; // (entry) -> the detail of a mark or measure

class PerformanceEntry {
  #name; #entryType; #startTime; #duration; #detail;
  constructor(token, name, entryType, startTime, duration, detail) {
    if (token !== ILLEGAL) throw new TypeError('Illegal constructor');
    this.#name = name; this.#entryType = entryType; this.#startTime = startTime;
    this.#duration = duration; this.#detail = detail;
  }
  get name() { return this.#name; }
  get entryType() { return this.#entryType; }
  get startTime() { return this.#startTime; }
  get duration() { return this.#duration; }
  static { detailOf = (entry) => entry.#detail; }
  toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration }; }
}

function markOptions(options) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError('The "options" argument must be of type object');
  }
  return options || {};
}

class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    const opts = markOptions(options);
    name = `${name}`;
    let start = opts.startTime;
    if (start === undefined) start = __kw.hostNow();
    else {
      start = Number(start);
      if (!(start >= 0)) throw new TypeError(`${start} is not a valid startTime`);
    }
    const detail = opts.detail === undefined ? null : structuredClone(opts.detail);
    super(ILLEGAL, name, 'mark', start, 0, detail);
  }
  get detail() { return detailOf(this); }
  toJSON() { return { ...super.toJSON(), detail: this.detail }; }
}

class PerformanceMeasure extends PerformanceEntry {
  constructor(token, name, start, duration, detail) { super(token, name, 'measure', start, duration, detail); }
  get detail() { return detailOf(this); }
  toJSON() { return { ...super.toJSON(), detail: this.detail }; }
}

// The performance timeline: marks and measures, in the order they were made.
const entries = [];

class Performance {
  constructor(token) { if (token !== ILLEGAL) throw new TypeError('Illegal constructor'); }
  get timeOrigin() { return __kw.hostTimeOrigin(); }
  now() { return __kw.hostNow(); }
  toJSON() { return { timeOrigin: this.timeOrigin }; }
  mark(name, options = undefined) {
    const m = new PerformanceMark(name, options);
    entries.push(m);
    return m;
  }
  measure(name, startOrOptions = undefined, endMark = undefined) {
    name = `${name}`;
    const time = (mark) => {
      if (typeof mark === 'number') {
        if (mark < 0) throw new TypeError(`${mark} is not a valid time`);
        return mark;
      }
      const found = entries.findLast((e) => e.entryType === 'mark' && e.name === `${mark}`);
      if (!found) throw new DOMException(`The "${mark}" performance mark has not been set`, 'SyntaxError');
      return found.startTime;
    };
    let start = 0, end, detail = null;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      const o = startOrOptions;
      if (endMark !== undefined) throw new TypeError('Options cannot be passed with an end mark');
      if (o.start === undefined && o.end === undefined) throw new TypeError('Options must contain start or end');
      if (o.start !== undefined && o.end !== undefined && o.duration !== undefined) {
        throw new TypeError('Options cannot contain start, end and duration');
      }
      if (o.end !== undefined) end = time(o.end);
      else if (o.start !== undefined && o.duration !== undefined) end = time(o.start) + Number(o.duration);
      if (o.start !== undefined) start = time(o.start);
      else if (o.duration !== undefined && end !== undefined) start = end - Number(o.duration);
      if (o.detail !== undefined) detail = structuredClone(o.detail);
    } else if (startOrOptions !== undefined) start = time(startOrOptions);
    if (end === undefined) end = endMark !== undefined ? time(endMark) : __kw.hostNow();
    const m = new PerformanceMeasure(ILLEGAL, name, start, end - start, detail);
    entries.push(m);
    return m;
  }
  getEntries() { return entries.slice().sort((a, b) => a.startTime - b.startTime); }
  getEntriesByName(name, type = undefined) {
    return this.getEntries().filter((e) => e.name === `${name}` && (type === undefined || e.entryType === `${type}`));
  }
  getEntriesByType(type) { return this.getEntries().filter((e) => e.entryType === `${type}`); }
  clearMarks(name = undefined) { clear('mark', name); }
  clearMeasures(name = undefined) { clear('measure', name); }
}

function clear(type, name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === `${name}`)) entries.splice(i, 1);
  }
}

class Navigator {
  constructor(token) { if (token !== ILLEGAL) throw new TypeError('Illegal constructor'); }
  get userAgent() { return 'kitwasm/' + __kw.version; }
  get hardwareConcurrency() { return 1; }
  get language() { return 'en-US'; }
  get languages() { return languages; }
}
const languages = Object.freeze(['en-US']);

for (const cls of [PerformanceEntry, PerformanceMark, PerformanceMeasure, Performance, Navigator]) {
  __kw.webidlClass(cls);
  __kw.defineGlobal(cls.name, cls);
}

// [Replaceable] attributes of the global scope: enumerable accessors whose setter replaces them.
function defineAttribute(name, value) {
  Object.defineProperty(globalThis, name, {
    get: { [name]() { return value; } }[name],
    set: { [name](v) { Object.defineProperty(globalThis, name, { value: v, writable: true, enumerable: true, configurable: true }); } }[name],
    enumerable: true, configurable: true,
  });
}
defineAttribute('performance', new Performance(ILLEGAL));
defineAttribute('navigator', new Navigator(ILLEGAL));
defineAttribute('self', globalThis);
