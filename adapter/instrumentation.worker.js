// @kitwasm/adapter/instrumentation: what an app's src/instrumentation.server.js needs to trace
// in the kitwasm runtime (and in any worker without AsyncLocalStorage).
//
// - KitwasmContextManager: an OpenTelemetry context manager. OpenTelemetry finds the parent of
//   a new span in the "active context", which must follow the request's asynchronous flow
//   (SvelteKit starts its spans after `await`s). Node does this with AsyncLocalStorage; the
//   engine has none. When the app has an instrumentation file, @kitwasm/adapter bundles the
//   worker with async functions lowered to generators that resume through `promise.then`
//   (esbuild's lowering), and this manager, once enabled, makes `then` (and `queueMicrotask`,
//   `setTimeout`, `setInterval`) run their callbacks in the context in which they were
//   registered: the zone.js technique, without its patching of native `await`.
// - flushAfterResponse(fn): fn (e.g. `() => provider.forceFlush()`) is called after every
//   response, inside `ctx.waitUntil`, once the response has been handed to the runtime: the
//   export never delays the response, and the isolate returns to the pool when it is done.
//
// This module imports nothing, so that it can be bundled next to any @opentelemetry/api.
// The flush registry lives on globalThis (Symbol.for): the adapter's generated entry reads it
// even when the app's copy of this module was bundled by Vite into the instrumentation chunk.

const FLUSH = Symbol.for('kitwasm.instrumentation.flush');

/**
 * Calls fn after every response, inside ctx.waitUntil.
 * @param {() => unknown} fn
 */
export function flushAfterResponse(fn) {
	if (typeof fn !== 'function') throw new TypeError('flushAfterResponse(fn): fn must be a function, e.g. () => provider.forceFlush()');
	(globalThis[FLUSH] ??= []).push(fn);
}

// A Context as @opentelemetry/api defines it (immutable map of symbol keys); the same shape as
// the API's ROOT_CONTEXT, which this module cannot import without pinning an API copy.
class BaseContext {
	/** @param {Map<symbol, unknown>} [parent] */
	constructor(parent) {
		this._values = parent ? new Map(parent) : new Map();
	}
	/** @param {symbol} key */
	getValue(key) {
		return this._values.get(key);
	}
	/** @param {symbol} key @param {unknown} value */
	setValue(key, value) {
		const c = new BaseContext(this._values);
		c._values.set(key, value);
		return c;
	}
	/** @param {symbol} key */
	deleteValue(key) {
		const c = new BaseContext(this._values);
		c._values.delete(key);
		return c;
	}
}

const ROOT = new BaseContext();

// The active context, and the originals of what enable() patches (one patch per isolate).
let current = /** @type {any} */ (ROOT);
/** @type {null | { then: Function; queueMicrotask: Function; setTimeout: Function; setInterval: Function }} */
let original = null;
let enabled = 0;

/**
 * fn bound to ctx: it runs with ctx active and restores what was active before.
 * @template {Function} F
 * @param {any} ctx
 * @param {F} fn
 * @returns {F}
 */
function bindTo(ctx, fn) {
	return /** @type {any} */ (
		function (/** @type {any[]} */ ...args) {
			const before = current;
			current = ctx;
			try {
				return fn.apply(this, args);
			} finally {
				current = before;
			}
		}
	);
}

/**
 * bindTo for a then callback (one argument, no this): no rest array per call, which matters
 * because every await of the lowered bundle goes through it while a span is active.
 * @param {any} ctx
 * @param {(value: any) => any} fn
 */
function bindReaction(ctx, fn) {
	return (/** @type {any} */ value) => {
		const before = current;
		current = ctx;
		try {
			return fn(value);
		} finally {
			current = before;
		}
	};
}

function patch() {
	const then = Promise.prototype.then;
	original = {
		then,
		queueMicrotask: globalThis.queueMicrotask,
		setTimeout: globalThis.setTimeout,
		setInterval: globalThis.setInterval
	};
	const o = original;
	Object.defineProperty(Promise.prototype, 'then', {
		value: function then(/** @type {any} */ onFulfilled, /** @type {any} */ onRejected) {
			const ctx = current;
			if (ctx === ROOT) return o.then.call(this, onFulfilled, onRejected);
			return o.then.call(
				this,
				typeof onFulfilled === 'function' ? bindReaction(ctx, onFulfilled) : onFulfilled,
				typeof onRejected === 'function' ? bindReaction(ctx, onRejected) : onRejected
			);
		},
		writable: true,
		configurable: true,
		enumerable: false
	});
	if (typeof o.queueMicrotask === 'function') {
		globalThis.queueMicrotask = (cb) => o.queueMicrotask.call(globalThis, typeof cb === 'function' ? bindTo(current, cb) : cb);
	}
	for (const name of /** @type {const} */ (['setTimeout', 'setInterval'])) {
		const fn = o[name];
		if (typeof fn !== 'function') continue;
		// @ts-ignore
		globalThis[name] = function (cb, ...rest) {
			return fn.call(globalThis, typeof cb === 'function' ? bindTo(current, cb) : cb, ...rest);
		};
	}
}

function unpatch() {
	if (!original) return;
	Object.defineProperty(Promise.prototype, 'then', { value: original.then, writable: true, configurable: true, enumerable: false });
	globalThis.queueMicrotask = /** @type {any} */ (original.queueMicrotask);
	globalThis.setTimeout = /** @type {any} */ (original.setTimeout);
	globalThis.setInterval = /** @type {any} */ (original.setInterval);
	original = null;
}

/**
 * An OpenTelemetry ContextManager for the kitwasm runtime (see the top of this file).
 * `context.setGlobalContextManager(new KitwasmContextManager().enable())`.
 */
export class KitwasmContextManager {
	_on = false;

	active() {
		return current;
	}

	/**
	 * @param {any} ctx
	 * @param {Function} fn
	 * @param {unknown} [thisArg]
	 * @param {...unknown} args
	 */
	with(ctx, fn, thisArg, ...args) {
		const before = current;
		current = ctx ?? ROOT;
		try {
			return fn.call(thisArg, ...args);
		} finally {
			current = before;
		}
	}

	/**
	 * @param {any} ctx
	 * @param {any} target
	 */
	bind(ctx, target) {
		return typeof target === 'function' ? bindTo(ctx ?? ROOT, target) : target;
	}

	enable() {
		if (!this._on) {
			this._on = true;
			if (enabled++ === 0) patch();
		}
		return this;
	}

	disable() {
		if (this._on) {
			this._on = false;
			if (--enabled === 0) unpatch();
			current = ROOT;
		}
		return this;
	}
}
