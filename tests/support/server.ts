// The built server (`node scripts/serve.mjs`, as `npm start` runs it) for the server tests: on a free loopback port with its own
// temporary data folder, with accounts that sign requests with API tokens, stopped gently or
// with SIGKILL, and restarted on the same folder. Also what the tests read back from that
// folder. Whatever happens, no server and no temporary folder outlives the test process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Edit } from '../../src/lib/inspection/edits';
import type { Inspection } from '../../src/lib/engine/index';
import type { AuditRecord } from '../../src/lib/server/audit/audit';
import { loadFramework } from '../../src/lib/server/frameworks/frameworks';
import { createInspection, pinnedRecord, validateRecord, type InspectionRecord } from '../../src/lib/server/inspections/inspections';
import type { Role } from '../../src/lib/server/accounts/roles';
import type { Stored } from '../../src/lib/server/storage/store';
import { addUser, issueToken } from '../../src/lib/server/accounts/users';

/** The version the tests' inspections use: no inspection type to choose, 35 case key questions. */
export const FRAMEWORK = 'hmip-youth@2018';
/** Every account the tests make has this password. */
export const PASSWORD = 'server tests password';
/** Long enough for a loaded 2-core machine; a request that hangs fails its test instead of the whole run. */
const REQUEST_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 30_000;

const running = new Set<ChildProcess>();
const folders = new Set<string>();
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
	for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** A port nothing listens on now: the system's choice, from its ephemeral range, clear of the fixed ports other test runs use. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer().once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Print a test's figures. Not console.log: under uvu (which sets FORCE_COLOR) and the scripts'
 * NO_COLOR, its colour check prints a warning.
 */
export function report(...lines: string[]) {
	process.stdout.write(lines.map((line) => `  ${line}\n`).join(''));
}

export class TestServer {
	/** http://127.0.0.1:PORT; a restart may change the port, so read it for every request */
	url = '';
	private child: ChildProcess | null = null;
	private output = '';

	private constructor(
		readonly dataDir: string,
		private readonly env: Record<string, string> = {},
		private readonly nodeArgs: string[] = []
	) {}

	/**
	 * `env` adds to the server's environment (ADDRESS_HEADER, say), restarts included. `dataDir`:
	 * a folder filled beforehand (a benchmark's), removed with the server as a new one would be.
	 * `nodeArgs` add to node's own options (--cpu-prof, say).
	 */
	static async start(env: Record<string, string> = {}, dataDir = mkdtempSync(path.join(tmpdir(), 'yardstick-server-')), nodeArgs: string[] = []): Promise<TestServer> {
		if (!existsSync('build/index.js')) throw new Error('there is no build/: run `npm run build` first');
		folders.add(dataDir);
		const server = new TestServer(dataDir, env, nodeArgs);
		try {
			await server.launch();
		} catch (e) {
			await server.dispose();
			throw e;
		}
		return server;
	}

	/** The server's process id while it runs (a benchmark reads its CPU time). */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** The last of what the server printed, for failure messages. */
	log(): string {
		return this.output.slice(-4000);
	}

	/**
	 * The built app on a port found free just now. A restart takes a new one: after a kill the old
	 * port is free for any process's outgoing connection to take.
	 */
	private async launch() {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const child = spawn(process.execPath, [...this.nodeArgs, 'scripts/serve.mjs'], {
			env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, DATA_DIR: this.dataDir, SHUTDOWN_TIMEOUT: '5', ...this.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		running.add(child);
		child.once('exit', () => running.delete(child));
		child.stdout!.on('data', (chunk) => (this.output += chunk));
		child.stderr!.on('data', (chunk) => (this.output += chunk));
		this.child = child;
		this.url = url;
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) break;
			try {
				if ((await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(2000) })).ok) return;
			} catch {
				// not listening yet
			}
			await pause(50);
		}
		await this.stop('SIGKILL');
		throw new Error(`the server did not answer on ${url}:\n${this.log()}`);
	}

	/** SIGTERM lets the server finish what it is doing; SIGKILL stops it wherever it is. */
	async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
		const child = this.child;
		this.child = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(late);
	}

	/** Stop (gently) if running, then start again on the same data folder. */
	async restart(): Promise<void> {
		await this.stop();
		await this.launch();
	}

	/** Stop and remove the data folder: call in a `finally`. */
	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
		folders.delete(this.dataDir);
	}

	/** Accounts with these names and roles, each with its own API token, written straight into the data folder. */
	accounts(names: string[], roles: Role[]): Promise<Client[]> {
		return this.inDataDir(() =>
			Promise.all(
				names.map(async (name) => {
					await addUser(name, roles, PASSWORD, 'server tests');
					return new Client(this, name, await issueToken(name, 'server tests', 'server tests'));
				})
			)
		);
	}

	/** An inspection written straight into the data folder (for tests that only read it), with its creator's account as its team. */
	addInspection(by: Client, serviceName: string, framework: string, evidence: Inspection): Promise<string> {
		return this.inDataDir(async () => (await createInspection(pinnedRecord({ serviceName, framework, evidence }), by.name)).id);
	}

	/**
	 * The store modules read DATA_DIR at every call, so the test process can write this server's
	 * folder by pointing it there for a while. Not for two servers at once.
	 */
	private async inDataDir<T>(work: () => Promise<T>): Promise<T> {
		const before = process.env.DATA_DIR;
		process.env.DATA_DIR = this.dataDir;
		try {
			return await work();
		} finally {
			if (before === undefined) delete process.env.DATA_DIR;
			else process.env.DATA_DIR = before;
		}
	}
}

export type SaveAnswer =
	| { status: 200; revision: number; updatedAt: string; updatedBy: string }
	| { status: 409; stale: { message: string; revision: number; updatedAt: string; updatedBy: string; change: string } };

/** One person using the server over HTTP, signed by their own API token. */
export class Client {
	constructor(
		readonly server: TestServer,
		readonly name: string,
		readonly token: string
	) {}

	get headers(): Record<string, string> {
		return { authorization: `Bearer ${this.token}` };
	}

	request(pathname: string, init: RequestInit = {}): Promise<Response> {
		return fetch(this.server.url + pathname, {
			...init,
			headers: { ...this.headers, ...(init.headers as Record<string, string>) },
			redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
		});
	}

	/** A page's HTML, asked for as a browser asks (Accept: text/html); anything but 200 throws, with the start of what came. */
	async html(pathname: string): Promise<string> {
		const response = await this.request(pathname, { headers: { accept: 'text/html' } });
		const text = await response.text();
		if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}: ${text.slice(0, 300)}`);
		return text;
	}

	/** Through the form at /inspections/new, as a browser's enhanced form posts it (with its Origin); returns the new id. */
	async createInspection(serviceName: string, framework = FRAMEWORK): Promise<string> {
		const response = await this.request('/inspections/new', {
			method: 'POST',
			headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', origin: this.server.url },
			body: new URLSearchParams({ serviceName, framework })
		});
		const text = await response.text();
		const location = response.ok ? (JSON.parse(text) as { type?: string; location?: string }).location : undefined;
		const id = location?.match(/^\/inspections\/([^/]+)$/)?.[1];
		if (!id) throw new Error(`creating "${serviceName}" answered ${response.status}: ${text.slice(0, 500)}`);
		return id;
	}

	/** POST /inspections/<id>/edits: the new revision, or the stale answer; anything else throws. */
	async save(id: string, baseRevision: number, edits: Edit[]): Promise<SaveAnswer> {
		const response = await this.request(`/inspections/${id}/edits`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ baseRevision, edits })
		});
		const text = await response.text();
		if (response.status !== 200 && response.status !== 409) throw new Error(`saving to ${id} answered ${response.status}: ${text.slice(0, 500)}`);
		return { status: response.status, ...JSON.parse(text) };
	}

	/**
	 * The revision the workspace page is showing now, from its data request. SvelteKit sends page
	 * data flattened (devalue): the first entry maps each key to the index of its value.
	 */
	async revision(id: string): Promise<number> {
		const response = await this.request(`/inspections/${id}/__data.json?x-sveltekit-invalidated=01`);
		if (!response.ok) throw new Error(`reading ${id} answered ${response.status}`);
		const { nodes } = (await response.json()) as { nodes: { data?: unknown[] }[] };
		const data = nodes.at(-1)!.data!;
		return data[(data[0] as { revision: number }).revision] as number;
	}
}

/** The key questions answered case by case in a framework version, in order. */
export function caseKeyQuestions(framework = FRAMEWORK): string[] {
	const loaded = loadFramework(framework);
	if (!loaded.ok) throw new Error(loaded.errors[0].message);
	return loaded.value.domains.flatMap((d) => d.standards.flatMap((s) => s.keyQuestions.filter((k) => k.kind === 'case').map((k) => k.id)));
}

export interface DataFolder {
	/** everything wrong with the files: empty when every file is whole and valid */
	problems: string[];
	inspections: Map<string, Stored<InspectionRecord>>;
	audit: AuditRecord[];
	/** documents read */
	documents: number;
	/** a write's temporary file left by a kill before its rename: harmless, the store never reads it */
	temporaryFiles: number;
}

const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/**
 * Read every file in a data folder as it is on disk: each document must parse and be a whole
 * stored document (an inspection also a valid record), and each audit line must parse.
 */
export function readDataFolder(dataDir: string): DataFolder {
	const folder: DataFolder = { problems: [], inspections: new Map(), audit: [], documents: 0, temporaryFiles: 0 };
	const visit = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			const name = path.relative(dataDir, file);
			// derived caches (the inspection summaries), checked against the documents whenever used: not data
			if (entry.isDirectory() && name === 'indexes') continue;
			if (entry.isDirectory()) visit(file);
			else if (name === 'audit.jsonl') readAuditFile(file, folder);
			else if (/^\..+\.json(\.[0-9]+-[0-9a-f]+)?\.tmp$/.test(entry.name)) folder.temporaryFiles++;
			else if (entry.name.endsWith('.json')) readDocument(file, name, folder);
			else folder.problems.push(`${name}: a file the store does not write`);
		}
	};
	visit(dataDir);
	return folder;
}

function readDocument(file: string, name: string, folder: DataFolder) {
	folder.documents++;
	let doc: Stored<unknown>;
	try {
		doc = JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		folder.problems.push(`${name}: does not parse (${(e as Error).message})`);
		return;
	}
	const whole =
		doc?.id === path.basename(file, '.json') &&
		Number.isInteger(doc.revision) &&
		doc.revision >= 1 &&
		isTime(doc.createdAt) &&
		isTime(doc.updatedAt) &&
		typeof doc.updatedBy === 'string' &&
		typeof doc.change === 'string' &&
		typeof doc.value === 'object' &&
		doc.value !== null;
	if (!whole) {
		folder.problems.push(`${name}: not a stored document: ${JSON.stringify(doc).slice(0, 200)}`);
		return;
	}
	if (path.dirname(name) !== 'inspections') return;
	const issues = validateRecord(doc.value, name);
	if (issues.length) folder.problems.push(...issues.map((i) => `${name} ${i.pointer}: ${i.message}`));
	else folder.inspections.set(doc.id, doc as Stored<InspectionRecord>);
}

function readAuditFile(file: string, folder: DataFolder) {
	const text = readFileSync(file, 'utf8');
	if (text && !text.endsWith('\n')) folder.problems.push('audit.jsonl: the last line is cut short');
	text.split('\n').forEach((line, index) => {
		if (!line) return;
		try {
			folder.audit.push(JSON.parse(line));
		} catch {
			folder.problems.push(`audit.jsonl line ${index + 1} does not parse: ${line.slice(0, 200)}`);
		}
	});
}
