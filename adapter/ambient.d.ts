declare global {
	namespace App {
		/**
		 * What `@kitwasm/adapter` passes to SvelteKit as `event.platform`.
		 */
		export interface Platform {
			/** The bindings given to `kitwasm serve --env KEY=VALUE` / `--env-file` (strings). */
			env: Record<string, string>;
			/** The worker's execution context. */
			context: {
				/**
				 * Keep the isolate working on `promise` after the response has been sent
				 * (bounded by the runtime's waitUntil limit, 30 s by default).
				 */
				waitUntil(promise: Promise<unknown>): void;
			};
		}
	}
}

export {};
