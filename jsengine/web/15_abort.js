// AbortController and AbortSignal (DOM Standard), with dependent signals (AbortSignal.any).

const KEY = Symbol('AbortSignal');
const { Event: EventCtor, DOMException: DOMExceptionCtor } = globalThis;
const { addEventListener, removeEventListener } = EventTarget.prototype;
// A source signal holds its dependents weakly; a dependent that can still be aborted and has
// abort listeners or algorithms is kept alive here instead, until it aborts or loses them.
const pinned = new Set();

let isSignal;       // (v) -> whether v is an AbortSignal
let signalAbort;    // (signal, reason) -> undefined: the "signal abort" algorithm
let makeDependent;  // (signal, sources) -> undefined: make signal depend on every source
let addAlgorithm;   // (signal, fn) -> remove(): see __kw.addAbortAlgorithm
let listenersChanged; // (target, count) -> undefined: see __kw.abortListenersChanged

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #algorithms = null;  // Set of functions run on abort, before the abort event
  #listenerCount = 0;  // abort listeners
  #sources = null;     // a dependent signal's sources (non-dependent signals); null if not dependent
  #dependents = null;  // Set of WeakRefs to the signals depending on this one
  #onabort = null;     // {fn, listener}: the onabort handler and the listener that calls it

  constructor(key = undefined) {
    if (key !== KEY) throw new TypeError('Illegal constructor');
    super();
  }

  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  throwIfAborted() { if (this.#aborted) throw this.#reason; }

  get onabort() { return this.#onabort ? this.#onabort.fn : null; }
  set onabort(fn) {
    const h = this.#onabort;
    if (fn === null || (typeof fn !== 'function' && typeof fn !== 'object')) {
      if (h) { this.#onabort = null; removeEventListener.call(this, 'abort', h.listener); }
    } else if (h) {
      h.fn = fn;
    } else {
      const holder = this.#onabort = { fn, listener: null };
      holder.listener = function onabort(event) { return holder.fn.call(this, event); };
      addEventListener.call(this, 'abort', holder.listener);
    }
  }

  static abort(reason = undefined) {
    const s = new AbortSignal(KEY);
    s.#aborted = true;
    s.#reason = reason === undefined ? new DOMExceptionCtor('This operation was aborted', 'AbortError') : reason;
    return s;
  }

  static timeout(delay) {
    if (typeof delay !== 'number') throw new TypeError('The "delay" argument must be of type number');
    if (!Number.isInteger(delay) || delay < 0 || delay > 4294967295) {
      throw new RangeError('The value of "delay" is out of range. It must be an integer >= 0 && <= 4294967295');
    }
    const s = new AbortSignal(KEY);
    setTimeout(() => signalAbort(s, new DOMExceptionCtor('The operation was aborted due to timeout', 'TimeoutError')), delay);
    return s;
  }

  static any(signals) {
    if (signals === null || typeof signals !== 'object' || typeof signals[Symbol.iterator] !== 'function') {
      throw new TypeError('Value can not be converted to sequence.');
    }
    const list = [...signals];
    list.forEach((s, i) => {
      if (!isSignal(s)) throw new TypeError(`The "signals[${i}]" argument must be an instance of AbortSignal`);
    });
    const s = new AbortSignal(KEY);
    makeDependent(s, list);
    return s;
  }

  static {
    isSignal = (v) => v !== null && typeof v === 'object' && #aborted in v;

    const repin = (s) => {
      if (s.#sources && s.#sources.length && !s.#aborted && s.#listenerCount + (s.#algorithms ? s.#algorithms.size : 0) > 0) {
        pinned.add(s);
      } else {
        pinned.delete(s);
      }
    };

    signalAbort = (signal, reason) => {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason === undefined ? new DOMExceptionCtor('This operation was aborted', 'AbortError') : reason;
      const all = [signal];
      for (let i = 0; i < all.length; i++) {
        for (const ref of all[i].#dependents || []) {
          const d = ref.deref();
          if (d && !d.#aborted) {
            d.#aborted = true;
            d.#reason = signal.#reason;
            all.push(d);
          }
        }
        all[i].#dependents = null;
      }
      for (const s of all) {
        const algorithms = s.#algorithms;
        s.#algorithms = null;
        pinned.delete(s);
        for (const fn of algorithms || []) {
          try { fn(); } catch (err) { __kw.reportError(err); }
        }
        __kw.dispatchTrusted(s, new EventCtor('abort'));
      }
    };

    makeDependent = (signal, sources) => {
      const aborted = sources.find((s) => s.#aborted);
      if (aborted) {
        signal.#aborted = true;
        signal.#reason = aborted.#reason;
        return;
      }
      signal.#sources ??= [];
      for (const s of sources) {
        for (const src of s.#sources || [s]) {
          if (signal.#sources.includes(src)) continue;
          signal.#sources.push(src);
          const deps = src.#dependents ??= new Set();
          deps.add(new WeakRef(signal));
          if (deps.size % 64 === 0) for (const r of deps) if (!r.deref()) deps.delete(r);
        }
      }
      repin(signal);
    };

    addAlgorithm = (signal, fn) => {
      if (signal.#aborted) return () => {};
      (signal.#algorithms ??= new Set()).add(fn);
      repin(signal);
      return () => {
        if (signal.#algorithms) { signal.#algorithms.delete(fn); repin(signal); }
      };
    };

    listenersChanged = (target, count) => {
      if (isSignal(target)) { target.#listenerCount = count; repin(target); }
    };
  }
}
__kw.webidlClass(AbortSignal);
__kw.defineGlobal('AbortSignal', AbortSignal);

class AbortController {
  #signal = new AbortSignal(KEY);
  get signal() { return this.#signal; }
  abort(reason = undefined) { signalAbort(this.#signal, reason); }
}
__kw.webidlClass(AbortController);
__kw.defineGlobal('AbortController', AbortController);

// __kw.isAbortSignal(v): whether v is an AbortSignal.
__kw.isAbortSignal = isSignal;
// __kw.addAbortAlgorithm(signal, fn) -> remove(): run fn (once, before the abort event) when
// signal aborts; nothing if it already has. remove() cancels that. fn should not throw.
__kw.addAbortAlgorithm = addAlgorithm;
// __kw.abortListenersChanged(target, count): EventTarget reports how many 'abort' listeners
// target now has (a dependent signal with listeners must stay alive).
__kw.abortListenersChanged = listenersChanged;
// __kw.followSignal(signal, parent): make signal abort, with parent's reason, when parent does
// (at once if parent already has). Used by Request for its signal.
__kw.followSignal = (signal, parent) => {
  if (signal.aborted) return;
  if (parent.aborted) signalAbort(signal, parent.reason);
  else makeDependent(signal, [parent]);
};
// __kw.newAbortController(): a new AbortController, whatever user code did to the global.
__kw.newAbortController = () => new AbortController();
