// The movement report as plain text: what `npm run impact` prints (the page shows the same data).
import { formatIssue } from '../engine/errors';
import { describeSteps, outcomeLabel, type MovementReport, type Tally } from './movement';

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

export function movementText(report: MovementReport): string {
	const out: string[] = [];
	out.push(`Impact of ${report.to} against ${report.from}: ${plural(report.items, 'inspection')}, ${report.compared} rated under both versions`, '');

	const rows = report.standards.map((s) => ({
		name: `${s.id} ${s.title}${s.in === 'both' ? '' : ` (only in ${s.in === 'from' ? report.from : report.to})`}`,
		tally: s as Tally,
		how: describeSteps(s.steps)
	}));
	const c = report.composite;
	const scores = c.scoreSteps === null ? 'scores not comparable: the versions score on different scales' : `score: ${describeSteps(c.scoreSteps, 'point')}`;
	rows.push({ name: 'Overall (composite)', tally: c, how: `${describeSteps(c.steps)}; ${scores}` });
	const header = ['Standard', 'Up', 'Down', 'Same', 'Unsettled', 'By how much'];
	const cells = rows.map((r) => [r.name, String(r.tally.up), String(r.tally.down), String(r.tally.same), String(r.tally.unsettled), r.how]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
	const line = (row: string[]) => row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
	out.push(line(header), ...cells.map(line));
	out.push('', 'Up or down: steps on the rating scale. Unsettled: pending a panel decision, not rated, or not in one version.');

	out.push('');
	if (!report.changed.length) out.push('No overall rating would change.');
	else {
		out.push(`Overall rating would change for ${plural(report.changed.length, 'inspection')}:`);
		for (const item of report.changed) {
			const score = item.fromScore !== null && item.toScore !== null ? ` (score ${item.fromScore} → ${item.toScore})` : '';
			out.push(`  ${item.name}${item.file ? ` (${item.file})` : ''}: ${outcomeLabel(report, item.from)} → ${outcomeLabel(report, item.to)}${score}`);
			if (item.toTrace) out.push(`    ${item.toTrace}`);
			for (const s of item.standards) {
				out.push(`    ${s.id} ${s.title}: ${outcomeLabel(report, s.from)} → ${outcomeLabel(report, s.to)}`);
				if (s.toTrace) out.push(`      now: ${s.toTrace}`);
				if (s.fromTrace) out.push(`      was: ${s.fromTrace}`);
			}
		}
	}

	if (report.dropped.length) {
		out.push('', 'Evidence a version does not define (left out of its rating, not guessed):');
		for (const d of report.dropped) {
			out.push(`  ${d.name}${d.file ? ` (${d.file})` : ''} under ${d.version}:`);
			for (const x of d.dropped) out.push(`    ${x.pointer}: ${x.message}`);
		}
	}
	if (report.notRated.length) {
		out.push('', 'Could not be rated:');
		for (const n of report.notRated) {
			out.push(`  ${n.name}${n.version ? ` under ${n.version}` : ''}:`);
			for (const e of n.errors) out.push(`    ${formatIssue(e)}`);
		}
	}
	return out.join('\n');
}
