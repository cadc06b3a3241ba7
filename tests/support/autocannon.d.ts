// The part of autocannon's API the load runs use: the package ships no types.
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	interface Request {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	}

	interface Options {
		url: string;
		connections?: number;
		/** seconds */
		duration?: number;
		maxOverallRequests?: number;
		/** seconds to wait for each answer */
		timeout?: number;
		headers?: Record<string, string>;
		requests?: Request[];
	}

	interface Result {
		/** seconds */
		duration: number;
		/** connection errors, timeouts among them */
		errors: number;
		timeouts: number;
		non2xx: number;
		statusCodeStats: Record<string, { count: number }>;
		requests: { total: number; sent: number; average: number };
		latency: { average: number; p50: number; p99: number; max: number };
	}

	interface Instance extends EventEmitter, PromiseLike<Result> {
		on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
		stop(): void;
	}

	export default function autocannon(options: Options): Instance;
}
