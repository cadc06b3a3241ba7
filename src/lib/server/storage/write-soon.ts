// A derived index's file, written soon rather than at every change: at most once a second, a
// burst of changes making one write, a change during a write making one more after it. A failed
// write is logged, never thrown: the index is worked out again from its source after a restart.
const EVERY_MS = 1000;

export class WriteSoon {
	private at = 0;
	private timer: NodeJS.Timeout | null = null;
	private writing: Promise<void> | null = null;
	private again = false;

	/** `write` takes its own copy of what it writes when it starts; `what` names the index in the log. */
	constructor(
		private readonly write: () => Promise<void>,
		private readonly what: string
	) {}

	/** Write now, or within a second of the last write. */
	soon() {
		if (this.writing) {
			this.again = true;
			return;
		}
		if (this.timer) return;
		this.timer = setTimeout(() => this.start(), Math.max(0, this.at + EVERY_MS - Date.now()));
		this.timer.unref();
	}

	private start() {
		this.timer = null;
		this.at = Date.now();
		this.writing = this.write()
			.catch((e) => console.error(`${this.what} could not be kept (${(e as Error).message}): it is worked out again after a restart`))
			.finally(() => {
				this.writing = null;
				if (this.again) {
					this.again = false;
					this.soon();
				}
			});
	}

	/** Wait for any pending write (tests, and a tidy shutdown). */
	async flush() {
		while (this.timer || this.writing) {
			if (this.timer && !this.writing) {
				clearTimeout(this.timer);
				this.start();
			}
			await this.writing;
		}
	}
}
