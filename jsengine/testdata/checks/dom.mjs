// DOMException, Event, CustomEvent, EventTarget.
import { check } from './harness.mjs';

const names = ['IndexSizeError', 'DOMStringSizeError', 'HierarchyRequestError', 'WrongDocumentError',
  'InvalidCharacterError', 'NoDataAllowedError', 'NoModificationAllowedError', 'NotFoundError',
  'NotSupportedError', 'InUseAttributeError', 'InvalidStateError', 'SyntaxError',
  'InvalidModificationError', 'NamespaceError', 'InvalidAccessError', 'ValidationError',
  'TypeMismatchError', 'SecurityError', 'NetworkError', 'AbortError', 'URLMismatchError',
  'QuotaExceededError', 'TimeoutError', 'InvalidNodeTypeError', 'DataCloneError', 'EncodingError',
  'NotReadableError', 'UnknownError', 'ConstraintError', 'DataError', 'TransactionInactiveError',
  'ReadOnlyError', 'VersionError', 'OperationError', 'NotAllowedError', 'Error', 'abortError', '',
  '-Error', ',Error', 'ErrorError', 'Abort'];

check('dom/DOMException codes', () => names.map((n) => [n, new DOMException('m', n).code]));
check('dom/DOMException constants', () => Object.keys(DOMException).map((k) => [k, DOMException[k], DOMException.prototype[k]]));
check('dom/DOMException constant descriptor', () => Object.getOwnPropertyDescriptor(DOMException, 'ABORT_ERR'));
check('dom/DOMException defaults', () => {
  const e = new DOMException();
  return [e.name, e.message, e.code, String(e), e instanceof Error, e instanceof DOMException];
});
check('dom/DOMException fields', () => {
  const e = new DOMException('boom', 'AbortError');
  return [e.name, e.message, e.code, String(e), Object.keys(e), Object.prototype.toString.call(e),
    Object.getPrototypeOf(DOMException.prototype) === Error.prototype, typeof e.stack];
});
check('dom/DOMException conversions', () => {
  const e = new DOMException(12, { toString() { return 'NotFoundError'; } });
  const u = new DOMException(undefined, undefined);
  const n = new DOMException(null, null);
  return [e.message, e.name, e.code, u.message, u.name, n.message, n.name];
});
check('dom/DOMException options cause', () => {
  const e = new DOMException('m', { name: 'DataError', cause: 42 });
  const d = Object.getOwnPropertyDescriptor(e, 'cause');
  return [e.name, e.code, e.cause, d.writable, d.enumerable, d.configurable, 'cause' in new DOMException('m', { name: 'X' })];
});
check('dom/DOMException symbol message throws', () => new DOMException(Symbol('x')));
check('dom/DOMException brand check', () => Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call({}));
check('dom/DOMException brand check code', () => DOMException.prototype.code);
check('dom/DOMException call without new', () => DOMException('x'));
check('dom/DOMException prototype props', () => ['name', 'message', 'code'].map((k) => {
  const d = Object.getOwnPropertyDescriptor(DOMException.prototype, k);
  return [k, typeof d.get, d.set, d.enumerable, d.configurable];
}));
check('dom/DOMException subclass', () => {
  class MyErr extends DOMException { constructor() { super('sub', 'SyntaxError'); } }
  const e = new MyErr();
  return [e.name, e.code, e.message, e instanceof DOMException, e instanceof Error];
});
check('dom/DOMException thrown and caught', () => {
  try { throw new DOMException('x', 'TimeoutError'); } catch (e) { return [e.name, e.code, e.message]; }
});

check('dom/Event defaults', () => {
  const e = new Event('hello');
  return [e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented, e.isTrusted, e.eventPhase,
    e.target, e.currentTarget, e.srcElement, e.returnValue, e.cancelBubble, e.composedPath(),
    typeof e.timeStamp, e.timeStamp >= 0, Object.keys(e), String(e)];
});
check('dom/Event init', () => {
  const e = new Event('x', { bubbles: 1, cancelable: 'yes', composed: {} });
  return [e.bubbles, e.cancelable, e.composed];
});
check('dom/Event init null', () => new Event('x', null).bubbles);
check('dom/Event init number throws', () => new Event('x', 5));
check('dom/Event missing type', () => new Event());
check('dom/Event type conversion', () => [new Event(5).type, new Event(null).type, new Event(undefined).type, new Event({ toString: () => 'obj' }).type]);
check('dom/Event symbol type', () => new Event(Symbol('s')));
check('dom/Event constants', () => [Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE]);
check('dom/Event preventDefault not cancelable', () => {
  const e = new Event('x');
  e.preventDefault();
  return [e.defaultPrevented, e.returnValue];
});
check('dom/Event preventDefault cancelable', () => {
  const e = new Event('x', { cancelable: true });
  e.preventDefault();
  return [e.defaultPrevented, e.returnValue];
});
check('dom/Event returnValue false cancels', () => {
  const e = new Event('x', { cancelable: true });
  e.returnValue = false;
  const a = e.defaultPrevented;
  e.returnValue = true;
  return [a, e.defaultPrevented];
});
check('dom/Event cancelBubble', () => {
  const e = new Event('x');
  const a = e.cancelBubble;
  e.cancelBubble = true;
  const b = e.cancelBubble;
  e.cancelBubble = false;
  const e2 = new Event('y');
  e2.stopPropagation();
  const e3 = new Event('z');
  e3.stopImmediatePropagation();
  return [a, b, e.cancelBubble, e2.cancelBubble, e3.cancelBubble];
});
check('dom/Event toStringTag', () => [Object.prototype.toString.call(new Event('x')), Object.prototype.toString.call(new EventTarget()), Object.prototype.toString.call(new CustomEvent('x'))]);
check('dom/Event brand check', () => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call({}));
check('dom/Event prototype enumerable', () => ['type', 'target', 'preventDefault', 'composedPath', 'timeStamp', 'stopImmediatePropagation'].map((k) => Object.getOwnPropertyDescriptor(Event.prototype, k).enumerable));
check('dom/Event subclass', () => {
  class MyEvent extends Event { constructor() { super('mine', { cancelable: true }); this.extra = 1; } }
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('mine', (e) => { seen.push(e instanceof MyEvent, e.extra, e.type); e.preventDefault(); });
  return [t.dispatchEvent(new MyEvent()), seen];
});

check('dom/CustomEvent detail', () => [new CustomEvent('c').detail, new CustomEvent('c', { detail: 5 }).detail,
  new CustomEvent('c', { detail: { a: [1] } }).detail, new CustomEvent('c', { detail: undefined }).detail,
  new CustomEvent('c', { bubbles: true }).bubbles, new CustomEvent('c') instanceof Event]);
check('dom/CustomEvent missing type', () => new CustomEvent());
check('dom/CustomEvent dispatch', () => {
  const t = new EventTarget();
  let got;
  t.addEventListener('c', (e) => { got = [e.detail, e.type, e instanceof CustomEvent]; });
  t.dispatchEvent(new CustomEvent('c', { detail: 'payload' }));
  return got;
});

check('dom/EventTarget dispatch state', () => {
  const t = new EventTarget();
  const e = new Event('x', { cancelable: true });
  let inside;
  t.addEventListener('x', function (ev) {
    inside = [ev === e, this === t, ev.target === t, ev.currentTarget === t, ev.srcElement === t,
      ev.eventPhase, ev.composedPath().length, ev.composedPath()[0] === t, ev.isTrusted, ev.returnValue];
  });
  const r = t.dispatchEvent(e);
  return [r, inside, e.eventPhase, e.target === t, e.currentTarget, e.composedPath(), e.defaultPrevented];
});
check('dom/EventTarget order', () => {
  const t = new EventTarget();
  const seen = [];
  for (const n of [1, 2, 3]) t.addEventListener('x', () => seen.push(n));
  t.dispatchEvent(new Event('x'));
  t.dispatchEvent(new Event('y'));
  return seen;
});
check('dom/EventTarget duplicate suppressed', () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener('x', f);
  t.addEventListener('x', f);
  t.addEventListener('x', f, { once: true });
  t.addEventListener('x', f, false);
  t.dispatchEvent(new Event('x'));
  return n;
});
check('dom/EventTarget capture is a separate registration', () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener('x', f);
  t.addEventListener('x', f, true);
  t.dispatchEvent(new Event('x'));
  t.removeEventListener('x', f);
  t.dispatchEvent(new Event('x'));
  t.removeEventListener('x', f, { capture: true });
  t.dispatchEvent(new Event('x'));
  return n;
});
check('dom/EventTarget remove', () => {
  const t = new EventTarget();
  const seen = [];
  const a = () => seen.push('a');
  const b = () => seen.push('b');
  t.addEventListener('x', a);
  t.addEventListener('x', b);
  t.removeEventListener('x', a);
  t.removeEventListener('x', () => {});
  t.removeEventListener('y', b);
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget once', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', () => seen.push('once'), { once: true });
  t.addEventListener('x', () => seen.push('always'));
  t.dispatchEvent(new Event('x'));
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget once re-add', () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener('x', f, { once: true });
  t.dispatchEvent(new Event('x'));
  t.addEventListener('x', f, { once: true });
  t.dispatchEvent(new Event('x'));
  t.dispatchEvent(new Event('x'));
  return n;
});
check('dom/EventTarget handleEvent object', () => {
  const t = new EventTarget();
  const seen = [];
  const obj = { handleEvent(e) { seen.push(this === obj, e.type); } };
  t.addEventListener('x', obj);
  t.dispatchEvent(new Event('x'));
  obj.handleEvent = function (e) { seen.push('swapped', e.type); };
  t.dispatchEvent(new Event('x'));
  t.removeEventListener('x', obj);
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget function with handleEvent', () => {
  const t = new EventTarget();
  const seen = [];
  const f = () => seen.push('called');
  f.handleEvent = () => seen.push('handleEvent');
  t.addEventListener('x', f);
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget preventDefault result', () => {
  const t = new EventTarget();
  t.addEventListener('x', (e) => e.preventDefault());
  const c = new Event('x', { cancelable: true });
  const n = new Event('x');
  return [t.dispatchEvent(c), c.defaultPrevented, t.dispatchEvent(n), n.defaultPrevented];
});
check('dom/EventTarget passive', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', (e) => { e.preventDefault(); seen.push(e.defaultPrevented); }, { passive: true });
  t.addEventListener('x', (e) => { e.returnValue = false; seen.push(e.defaultPrevented); });
  const r = t.dispatchEvent(new Event('x', { cancelable: true }));
  return [r, seen];
});
check('dom/EventTarget stopImmediatePropagation', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', () => seen.push(1));
  t.addEventListener('x', (e) => { seen.push(2); e.stopImmediatePropagation(); });
  t.addEventListener('x', () => seen.push(3));
  const e = new Event('x');
  t.dispatchEvent(e);
  seen.push(e.cancelBubble);
  t.dispatchEvent(e);
  return seen;
});
check('dom/EventTarget stopPropagation keeps same-target listeners', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', (e) => { seen.push(1); e.stopPropagation(); });
  t.addEventListener('x', (e) => seen.push(2, e.cancelBubble));
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget remove during dispatch', () => {
  const t = new EventTarget();
  const seen = [];
  const c = () => seen.push('c');
  t.addEventListener('x', () => { seen.push('a'); t.removeEventListener('x', c); });
  t.addEventListener('x', () => seen.push('b'));
  t.addEventListener('x', c);
  t.dispatchEvent(new Event('x'));
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget redispatch after dispatch', () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener('x', () => n++);
  const e = new Event('x');
  t.dispatchEvent(e);
  t.dispatchEvent(e);
  return [n, e.eventPhase, e.target === t];
});
check('dom/EventTarget nested dispatch of another event', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('outer', (e) => { seen.push('outer-start'); t.dispatchEvent(new Event('inner')); seen.push('outer-end', e.currentTarget === t); });
  t.addEventListener('inner', () => seen.push('inner'));
  t.dispatchEvent(new Event('outer'));
  return seen;
});
check('dom/EventTarget listener exception does not stop dispatch', async () => {
  const restore = typeof process === 'object' && process.listeners ? (() => {
    const h = () => {};
    process.on('uncaughtException', h);
    return () => process.off('uncaughtException', h);
  })() : () => {};
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', () => { seen.push(1); throw new Error('listener failure'); });
  t.addEventListener('x', () => seen.push(2));
  t.addEventListener('x', { handleEvent: 5 });
  t.addEventListener('x', () => seen.push(3));
  const r = t.dispatchEvent(new Event('x'));
  await new Promise((resolve) => setTimeout(resolve, 5));
  restore();
  return [r, seen];
});
check('dom/EventTarget addEventListener null listener', () => {
  const t = new EventTarget();
  return [t.addEventListener('x', null), t.addEventListener('x', undefined), t.dispatchEvent(new Event('x'))];
});
check('dom/EventTarget addEventListener bad listener', () => new EventTarget().addEventListener('x', 'str'));
check('dom/EventTarget addEventListener number listener', () => new EventTarget().addEventListener('x', 5));
check('dom/EventTarget addEventListener missing args', () => new EventTarget().addEventListener('x'));
check('dom/EventTarget removeEventListener missing args', () => new EventTarget().removeEventListener('x'));
check('dom/EventTarget dispatchEvent non-event', () => new EventTarget().dispatchEvent({ type: 'x' }));
check('dom/EventTarget dispatchEvent missing', () => new EventTarget().dispatchEvent());
check('dom/EventTarget bad signal', () => new EventTarget().addEventListener('x', () => {}, { signal: 'nope' }));
check('dom/EventTarget null signal', () => new EventTarget().addEventListener('x', () => {}, { signal: null }));
check('dom/EventTarget brand check', () => EventTarget.prototype.addEventListener.call({}, 'x', () => {}));
check('dom/EventTarget signal removes listener', () => {
  const t = new EventTarget();
  const c = new AbortController();
  let n = 0;
  t.addEventListener('x', () => n++, { signal: c.signal });
  t.dispatchEvent(new Event('x'));
  c.abort();
  t.dispatchEvent(new Event('x'));
  return n;
});
check('dom/EventTarget aborted signal adds nothing', () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener('x', () => n++, { signal: AbortSignal.abort() });
  t.dispatchEvent(new Event('x'));
  return n;
});
check('dom/EventTarget signal after remove and re-add', () => {
  const t = new EventTarget();
  const c = new AbortController();
  let n = 0;
  const f = () => n++;
  t.addEventListener('x', f, { signal: c.signal });
  t.removeEventListener('x', f);
  t.addEventListener('x', f);
  c.abort();
  t.dispatchEvent(new Event('x'));
  return n;
});
check('dom/EventTarget options object getters read', () => {
  const read = [];
  const opts = {};
  for (const k of ['capture', 'once', 'passive']) Object.defineProperty(opts, k, { get() { read.push(k); return false; } });
  new EventTarget().addEventListener('x', () => {}, opts);
  return read.sort();
});
check('dom/EventTarget subclass', () => {
  class Emitter extends EventTarget { fire() { return this.dispatchEvent(new Event('fire', { cancelable: true })); } }
  const em = new Emitter();
  const seen = [];
  em.addEventListener('fire', (e) => { seen.push(e.target === em); e.preventDefault(); });
  return [em.fire(), seen, em instanceof EventTarget];
});
check('dom/EventTarget prototype', () => Object.keys(EventTarget.prototype));
check('dom/Event prototype keys', () => Object.keys(Event.prototype).sort());
check('dom/EventTarget capture listeners first at target', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', () => seen.push('a'));
  t.addEventListener('x', () => seen.push('cap'), true);
  t.addEventListener('x', () => seen.push('b'));
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget listener added during dispatch', () => {
  const t = new EventTarget();
  const seen = [];
  t.addEventListener('x', () => { seen.push(1); t.addEventListener('x', () => seen.push('late')); });
  t.dispatchEvent(new Event('x'));
  return seen;
});
check('dom/EventTarget re-entrant dispatch of same event', () => {
  const t = new EventTarget();
  let err = 'none';
  t.addEventListener('x', (e) => { try { t.dispatchEvent(e); } catch (x) { err = x.name; } }, { once: true });
  t.dispatchEvent(new Event('x'));
  return err;
});
check('dom/Event initEvent', () => {
  const e = new Event('a', { cancelable: true });
  e.preventDefault();
  e.initEvent('b', true);
  return [e.type, e.bubbles, e.cancelable, e.defaultPrevented];
});
check('dom/EventTarget cancelBubble before dispatch', () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener('x', () => n++);
  const e = new Event('x');
  e.cancelBubble = true;
  t.dispatchEvent(e);
  t.dispatchEvent(e);
  return [n, e.cancelBubble];
});
