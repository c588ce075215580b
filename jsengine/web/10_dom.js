// DOM basics: DOMException (Web IDL), Event, CustomEvent, EventTarget (DOM Standard) and
// reportError (HTML). There is no node tree here: an event's path is its target alone.

// Legacy codes: DOMException.<CONST>_ERR = index + 1; LEGACY_NAMES holds, at the same index, the
// name (less 'Error') that has that code in the Web IDL table, or nothing.
const LEGACY_CONSTS = 'INDEX_SIZE DOMSTRING_SIZE HIERARCHY_REQUEST WRONG_DOCUMENT INVALID_CHARACTER NO_DATA_ALLOWED NO_MODIFICATION_ALLOWED NOT_FOUND NOT_SUPPORTED INUSE_ATTRIBUTE INVALID_STATE SYNTAX INVALID_MODIFICATION NAMESPACE INVALID_ACCESS VALIDATION TYPE_MISMATCH SECURITY NETWORK ABORT URL_MISMATCH QUOTA_EXCEEDED TIMEOUT INVALID_NODE_TYPE DATA_CLONE'.split(' ');
const LEGACY_NAMES = 'IndexSize,,HierarchyRequest,WrongDocument,InvalidCharacter,,NoModificationAllowed,NotFound,NotSupported,InUseAttribute,InvalidState,Syntax,InvalidModification,Namespace,InvalidAccess,,TypeMismatch,Security,Network,Abort,URLMismatch,QuotaExceeded,Timeout,InvalidNodeType,DataClone';

class DOMException extends Error {
  #name;
  #message;
  constructor(message = '', options = 'Error') {
    super();
    this.#message = `${message}`;
    if (options !== null && typeof options === 'object') {
      const { name } = options; // as Node: no default, so a missing name reads 'undefined'
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
      }
      this.#name = `${name}`;
    } else {
      this.#name = `${options}`;
    }
  }
  get name() { return this.#name; }
  get message() { return this.#message; }
  get code() {
    const n = this.#name;
    return n.length > 5 && n.endsWith('Error') ? LEGACY_NAMES.split(',').indexOf(n.slice(0, -5)) + 1 : 0;
  }
}
LEGACY_CONSTS.forEach((c, i) => {
  const d = { value: i + 1, enumerable: true };
  Object.defineProperty(DOMException, c + '_ERR', d);
  Object.defineProperty(DOMException.prototype, c + '_ERR', d);
});
__kw.webidlClass(DOMException);
__kw.defineGlobal('DOMException', DOMException);

// reportError logs an exception nobody caught (a listener's, a callback's) and carries on.
// __kw.reportError(err): the layer's way to report such errors (also the global reportError).
function describeError(err) {
  try {
    let s = String(err);
    if (err !== null && typeof err === 'object' && typeof err.stack === 'string' && err.stack) {
      s = err.stack.startsWith(s) ? err.stack : s + '\n' + err.stack;
    }
    return 'Uncaught ' + s;
  } catch {
    return 'Uncaught exception';
  }
}
__kw.reportError = (err) => __kw.hostLog(3, describeError(err));
__kw.defineGlobal('reportError', function reportError(e) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'reportError': 1 argument required");
  __kw.reportError(e);
});

let isEvent;   // (v) -> whether v is an Event
let dispatch;  // (target, event, listeners: Map type -> array, trusted) -> !canceled

const NONE = 0, AT_TARGET = 2;
class Event {
  #type;
  #bubbles = false;
  #cancelable = false;
  #composed = false;
  #canceled = false;
  #stop = 0; // 1: stop propagation, 2: also stop immediate propagation
  #inPassive = false;
  #dispatching = false;
  #trusted = false;
  #target = null;
  #current = null;
  #timeStamp = __kw.hostNow();

  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError('The "type" argument must be specified');
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError('The "options" argument must be of type object');
    }
    this.#type = `${type}`;
    if (init) {
      this.#bubbles = !!init.bubbles;
      this.#cancelable = !!init.cancelable;
      this.#composed = !!init.composed;
    }
  }

  get type() { return this.#type; }
  get target() { return this.#target; }
  get srcElement() { return this.#target; }
  get currentTarget() { return this.#current; }
  composedPath() { return this.#current ? [this.#current] : []; }
  get eventPhase() { return this.#dispatching ? AT_TARGET : NONE; }
  stopPropagation() { this.#stop |= 1; }
  get cancelBubble() { return this.#stop !== 0; }
  set cancelBubble(v) { if (v) this.#stop |= 1; }
  stopImmediatePropagation() { this.#stop = 3; }
  get bubbles() { return this.#bubbles; }
  get cancelable() { return this.#cancelable; }
  get returnValue() { return !this.#canceled; }
  set returnValue(v) { if (!v) this.preventDefault(); }
  preventDefault() { if (this.#cancelable && !this.#inPassive) this.#canceled = true; }
  get defaultPrevented() { return this.#canceled; }
  get composed() { return this.#composed; }
  get isTrusted() { return this.#trusted; }
  get timeStamp() { return this.#timeStamp; }
  initEvent(type, bubbles = false, cancelable = false) {
    if (arguments.length < 1) throw new TypeError('The "type" argument must be specified');
    if (this.#dispatching) return;
    this.#stop = 0;
    this.#canceled = false;
    this.#trusted = false;
    this.#target = null;
    this.#type = `${type}`;
    this.#bubbles = !!bubbles;
    this.#cancelable = !!cancelable;
  }

  static {
    isEvent = (v) => v !== null && typeof v === 'object' && #type in v;
    dispatch = (target, event, listeners, trusted) => {
      if (event.#dispatching) throw new DOMException('The event is already being dispatched.', 'InvalidStateError');
      event.#trusted = trusted;
      event.#dispatching = true;
      event.#target = event.#current = target;
      // At the target, capturing listeners run first, then the others; each pass takes a
      // snapshot of the listener list (lists are copied on write, never mutated).
      for (const capture of [true, false]) {
        if (event.#stop) break;
        for (const l of listeners?.get(event.#type) || []) {
          if (l.capture !== capture || l.removed) continue;
          if (l.once) l.remove();
          event.#inPassive = l.passive;
          try {
            const cb = l.callback;
            if (typeof cb === 'function') {
              cb.call(target, event);
            } else {
              const handle = cb.handleEvent;
              if (typeof handle !== 'function') throw new TypeError('The "listener" object has no handleEvent method');
              handle.call(cb, event);
            }
          } catch (err) {
            __kw.reportError(err);
          }
          event.#inPassive = false;
          if (event.#stop & 2) break;
        }
      }
      event.#dispatching = false;
      event.#current = null;
      event.#stop = 0;
      return !event.#canceled;
    };
  }
}
for (const [i, c] of ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].entries()) {
  Object.defineProperty(Event, c, { value: i, enumerable: true });
  Object.defineProperty(Event.prototype, c, { value: i, enumerable: true });
}
__kw.webidlClass(Event);
__kw.defineGlobal('Event', Event);

class CustomEvent extends Event {
  #detail = null;
  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError('The "type" argument must be specified');
    super(type, init);
    if (init && init.detail !== undefined) this.#detail = init.detail;
  }
  get detail() { return this.#detail; }
}
__kw.webidlClass(CustomEvent);
__kw.defineGlobal('CustomEvent', CustomEvent);

function flattenCapture(options) {
  return typeof options === 'boolean' ? options : !!(options && options.capture);
}

// __kw.dispatchTrusted(target, event): fire an event from the platform (isTrusted is true).
let dispatchTrusted;

class EventTarget {
  #listeners = null; // Map: type -> array of {callback, capture, once, passive, removed, remove()}

  addEventListener(type, callback, options = undefined) {
    if (arguments.length < 2) throw new TypeError('The "type" and "listener" arguments must be specified');
    type = `${type}`;
    if (callback === null || callback === undefined) return;
    if (typeof callback !== 'function' && typeof callback !== 'object') {
      throw new TypeError('The "listener" argument must be an instance of EventListener');
    }
    const capture = flattenCapture(options);
    let once = false, passive = false, signal;
    if (options !== null && typeof options === 'object') {
      once = !!options.once;
      passive = !!options.passive;
      if ('signal' in options) {
        signal = options.signal;
        if (!__kw.isAbortSignal(signal)) throw new TypeError('The "options.signal" property must be an instance of AbortSignal');
        if (signal.aborted) return;
      }
    }
    const listeners = this.#listeners ??= new Map();
    const list = listeners.get(type) || [];
    if (list.some((l) => l.callback === callback && l.capture === capture)) return;
    const target = this;
    const l = {
      callback, capture, once, passive, removed: false,
      remove() {
        if (l.removed) return;
        l.removed = true;
        const cur = listeners.get(type);
        const i = cur.indexOf(l);
        // Copy on write: a dispatch in progress keeps iterating its own array.
        const next = cur.slice(0, i).concat(cur.slice(i + 1));
        if (next.length) listeners.set(type, next); else listeners.delete(type);
        if (type === 'abort') __kw.abortListenersChanged(target, next.length);
      },
    };
    listeners.set(type, list.concat([l]));
    // On abort, remove whichever listener then matches (type, callback, capture).
    if (signal) __kw.addAbortAlgorithm(signal, () => this.#remove(type, callback, capture));
    if (type === 'abort') __kw.abortListenersChanged(this, list.length + 1);
  }

  removeEventListener(type, callback, options = undefined) {
    if (arguments.length < 2) throw new TypeError('The "type" and "listener" arguments must be specified');
    this.#remove(`${type}`, callback, flattenCapture(options));
  }

  #remove(type, callback, capture) {
    const list = this.#listeners?.get(type);
    const l = list && list.find((x) => x.callback === callback && x.capture === capture);
    if (l) l.remove();
  }

  dispatchEvent(event) {
    if (arguments.length < 1) throw new TypeError('The "event" argument must be specified');
    if (!isEvent(event)) throw new TypeError('The "event" argument must be an instance of Event');
    return dispatch(this, event, this.#listeners, false);
  }

  static {
    dispatchTrusted = (target, event) => dispatch(target, event, target.#listeners, true);
  }
}
__kw.dispatchTrusted = dispatchTrusted;
__kw.webidlClass(EventTarget);
__kw.defineGlobal('EventTarget', EventTarget);
