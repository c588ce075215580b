// Types of @kitwasm/adapter/instrumentation (instrumentation.worker.js).

/**
 * Calls `fn` after every response, inside `ctx.waitUntil`, once the response has gone out:
 * e.g. `flushAfterResponse(() => provider.forceFlush())`.
 */
export function flushAfterResponse(fn: () => unknown): void;

/**
 * An OpenTelemetry `ContextManager` for the kitwasm runtime, which has no AsyncLocalStorage:
 * `context.setGlobalContextManager(new KitwasmContextManager().enable())`.
 * Structurally an `import('@opentelemetry/api').ContextManager`.
 */
export class KitwasmContextManager {
	active(): any;
	with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
		context: any,
		fn: F,
		thisArg?: ThisParameterType<F>,
		...args: A
	): ReturnType<F>;
	bind<T>(context: any, target: T): T;
	enable(): this;
	disable(): this;
}
