// A run's progress, polled from /regression/runs/<id>/progress until the run has finished.
export interface ProgressState {
	status: 'running' | 'done' | 'failed';
	done: number;
	total: number;
}

const POLL_MS = 400;

export class RunProgress {
	status = $state<ProgressState['status']>('running');
	done = $state(0);
	total = $state(0);
	#url: string;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;

	constructor(url: string, initial: ProgressState) {
		this.#url = url;
		this.status = initial.status;
		this.done = initial.done;
		this.total = initial.total;
	}

	get percent(): number {
		return this.total ? Math.floor((100 * this.done) / this.total) : 0;
	}

	/** Poll until the run finishes, then call `finished` once. */
	watch(finished: () => void) {
		const poll = async () => {
			if (this.#stopped) return;
			try {
				const response = await fetch(this.#url, { headers: { accept: 'application/json' } });
				if (response.ok) {
					const latest = (await response.json()) as ProgressState;
					[this.status, this.done, this.total] = [latest.status, latest.done, latest.total];
				}
			} catch {
				// A missed poll is retried on the next tick.
			}
			if (this.#stopped) return;
			if (this.status === 'running') this.#timer = setTimeout(poll, POLL_MS);
			else finished();
		};
		this.#timer = setTimeout(poll, POLL_MS);
	}

	stop() {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
	}
}
