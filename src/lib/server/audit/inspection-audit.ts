// What an inspection's save puts in the audit trail: a change of team (who may change the
// evidence), each context fact set or cleared, each panel decision with its reason, and each
// departure from decision guidance once it has its reason, with the before and after.
import type { Stored } from '../storage/store';
import type { InspectionRecord } from '../inspections/inspections';
import { rate } from '../inspections/inspections';
import { recordAudit } from './audit';
import { contextValueText } from '../../inspection/context';
import { auditDraw } from '../sampling/draw-audit';

export async function auditSave(before: Stored<InspectionRecord>, after: Stored<InspectionRecord>, actor: string) {
	const target = { kind: 'inspection', id: after.id };
	const [teamBefore, teamAfter] = [before.value.team ?? [], after.value.team ?? []];
	if (teamBefore.join() !== teamAfter.join()) {
		await recordAudit({ actor, action: 'inspection.team', target, summary: `team of ${after.value.serviceName} set to ${teamAfter.join(', ')}`, before: teamBefore, after: teamAfter });
	}
	const [contextBefore, contextAfter] = [before.value.evidence.context ?? {}, after.value.evidence.context ?? {}];
	for (const fact of new Set([...Object.keys(contextBefore), ...Object.keys(contextAfter)])) {
		const [from, to] = [contextBefore[fact] ?? null, contextAfter[fact] ?? null];
		if (from === to) continue;
		await recordAudit({ actor, action: 'inspection.context', target, summary: to === null ? `context fact ${fact} cleared` : `context fact ${fact} set to ${contextValueText(to)}`, before: from, after: to });
	}
	// a case sample drawn, from the sample page or the API alike
	await auditDraw(before, after, actor);
	const was = before.value.evidence.decisions ?? {};
	const now = after.value.evidence.decisions ?? {};
	for (const standard of new Set([...Object.keys(was), ...Object.keys(now)])) {
		if (JSON.stringify(was[standard]) === JSON.stringify(now[standard])) continue;
		await recordAudit({
			actor,
			action: 'panel.decide',
			target,
			summary: now[standard] ? `panel decision on ${standard}: ${now[standard].rating}` : `panel decision on ${standard} withdrawn`,
			before: was[standard] ?? null,
			after: now[standard] ?? null,
			reason: now[standard]?.reason
		});
	}
	const [oldResult, newResult] = await Promise.all([rate(before), rate(after)]);
	// A departure is audited once it is a decision: a rating with its reason. The workspace saves
	// the rating as soon as it is chosen, before the reason is typed; that intermediate state is
	// shown in the workspace and the report, not recorded here as a departure "with no reason".
	for (const s of Object.values(newResult.standards)) {
		for (const g of s.guidance) {
			if (!g.reason?.trim()) continue;
			const was = oldResult.standards[s.id];
			const seen = was?.final === s.final && was.guidance.some((o) => o.rule === g.rule && o.reason === g.reason);
			if (seen) continue;
			await recordAudit({
				actor,
				action: 'guidance.depart',
				target,
				summary: `${s.id} rated ${s.final}, departing from decision guidance ${g.rule}`,
				before: oldResult.standards[s.id]?.final ?? null,
				after: s.final,
				reason: g.reason
			});
		}
	}
}
