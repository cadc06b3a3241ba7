// A dense .xlsx longlist (probe finding H3): within every size limit, yet once read whole on the
// server's main thread it held up everyone else's pages for many seconds. While one is read,
// another user's /inspections must still answer promptly, and the upload is refused or read.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { TestServer, report, type Client } from '../support/server';

const Dense = suite('a dense .xlsx longlist');
let server: TestServer;
let inspector: Client;
let other: Client;

Dense.before(async () => {
	server = await TestServer.start();
	[inspector, other] = await server.accounts(['ines', 'otto'], ['inspector']);
});
Dense.after(async () => {
	await server?.dispose();
});

/** A column's letters: 0 is A, 26 is AA. */
function letters(i: number): string {
	let out = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
	return out;
}

/**
 * A workbook of one sheet, written as Excel writes one (shared strings, then numbers): a heading
 * row "Case reference, Stratum, Note 1…", then `rows` cases each with `columns` cells.
 */
function denseWorkbook(rows: number, columns: number): Uint8Array {
	const strings = ['Case reference', 'Stratum', ...Array.from({ length: columns - 2 }, (_, i) => `Note ${i + 1}`), 'court', 'out-of-court'];
	const at = (s: string) => strings.indexOf(s);
	const xml: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
	xml.push(`<row r="1">${Array.from({ length: columns }, (_, c) => `<c r="${letters(c)}1" t="s"><v>${c}</v></c>`).join('')}</row>`);
	const names = Array.from({ length: columns }, (_, c) => letters(c));
	for (let r = 2; r <= rows + 1; r++) {
		const cells = [`<c r="A${r}" t="inlineStr"><is><t>C${r}</t></is></c>`, `<c r="B${r}" t="s"><v>${at(r % 2 ? 'court' : 'out-of-court')}</v></c>`];
		for (let c = 2; c < columns; c++) cells.push(`<c r="${names[c]}${r}"><v>${c}</v></c>`);
		xml.push(`<row r="${r}">${cells.join('')}</row>`);
	}
	xml.push('</sheetData></worksheet>');
	const ns = 'http://schemas.openxmlformats.org/';
	return zipSync({
		'[Content_Types].xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
		),
		'_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${ns}officeDocument/2006/relationships"><sheets><sheet name="Longlist" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		'xl/_rels/workbook.xml.rels': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
		),
		// the sheet before its shared strings, as some writers order them
		'xl/worksheets/sheet1.xml': strToU8(xml.join('')),
		'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`)
	});
}

/** The largest the server's memory has been (VmHWM, in MB), read from Linux's /proc. */
function peakMemoryMB(): number {
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	return Number(status.match(/^VmHWM:\s+(\d+) kB/m)![1]) / 1024;
}

async function upload(id: string, name: string, bytes: Uint8Array) {
	const form = new FormData();
	form.set('longlist', new Blob([bytes as BlobPart]), name);
	const response = await inspector.request(`/inspections/${id}/sample?/upload`, { method: 'POST', headers: { accept: 'application/json', origin: server.url }, body: form });
	const text = await response.text();
	return { text, answer: JSON.parse(text) as { type: string; location?: string; data?: string } };
}

// Run first, on a fresh server, so the peak it reads is this upload's.
Dense("another user's /inspections answers promptly while a dense workbook is read, and the workbook is refused or read", async () => {
	const id = await inspector.createInspection('Dense longlist');
	// 20,000 cases x 80 columns: 1.6 million cells, a few MB zipped, within every limit the server has
	const workbook = denseWorkbook(20_000, 80);
	assert.ok(workbook.length < 5 * 1024 * 1024, `the upload (${workbook.length} bytes) is within the 5 MB limit`);
	// warm: the first answer of a fresh server is slower for reasons of its own
	assert.is((await other.request('/inspections')).status, 200);
	const before = peakMemoryMB();
	const started = performance.now();
	let answered: Awaited<ReturnType<typeof upload>> | undefined;
	const uploading = upload(id, 'longlist.xlsx', workbook).then((a) => (answered = a));
	const waits: number[] = [];
	const statuses = new Set<number | string>();
	while (!answered) {
		const asked = performance.now();
		// a request that times out (30 s) is counted, with how long it waited, rather than thrown
		const status = await other.request('/inspections').then(
			async (page) => (await page.text(), page.status),
			(e: Error) => e.name
		);
		waits.push(performance.now() - asked);
		statuses.add(status);
	}
	const took = (await uploading, performance.now() - started);
	const worst = Math.max(...waits);
	const median = [...waits].sort((a, b) => a - b)[Math.floor(waits.length / 2)];
	const grew = peakMemoryMB() - before;
	report(
		`${(workbook.length / 1024).toFixed(0)} KB workbook answered in ${(took / 1000).toFixed(1)} s; another user's /inspections, asked ${waits.length} times meanwhile, waited at worst ${(worst / 1000).toFixed(2)} s (median ${(median / 1000).toFixed(2)} s); the server's peak memory grew ${grew.toFixed(0)} MB`,
		`answer: ${answered!.text.slice(0, 240)}`
	);
	assert.equal([...statuses], [200], "every answer to the other user is the page");
	// refused by a limit it names, or read: on to mapping its columns (the "Note" headings are not the usual ones)
	if (answered!.answer.type === 'failure') assert.match(answered!.text, /cells/);
	else assert.match(answered!.answer.location ?? '', /^\/inspections\/[^/]+\/sample\/[^/]+\/columns$/, answered!.text);
	assert.ok(waits.length >= 3, `only ${waits.length} answers to the other user in ${(took / 1000).toFixed(1)} s`);
	assert.ok(worst < took / 5, `another user waited ${(worst / 1000).toFixed(2)} s of the upload's ${(took / 1000).toFixed(1)} s`);
});

Dense.run();
