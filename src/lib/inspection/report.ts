// Counts a published report prints: for each prompt of a case key question, the cases answered
// yes among those where the key question is relevant and the prompt answered yes or no.
import { relevantKeyQuestions } from '../engine/evidence';
import type { FrameworkVersion, Inspection } from '../engine/types';
import { outlineOf } from './outline';

export type PromptCounts = Record<string, { relevant: number; yes: number }>;

export async function promptCounts(framework: FrameworkVersion, evidence: Inspection): Promise<PromptCounts> {
	const outline = outlineOf(framework);
	const promptOf = new Map(outline.caseKeyQuestions.flatMap((kq) => kq.prompts.map((p) => [p.id, kq.id] as const)));
	const counts: PromptCounts = {};
	for (const c of evidence.cases ?? []) {
		const relevant = await relevantKeyQuestions(framework, evidence.context, c);
		for (const [id, answer] of Object.entries(c.answers ?? {})) {
			const kq = promptOf.get(id);
			if (!kq || !relevant.has(kq) || answer === 'n/a') continue;
			const count = (counts[id] ??= { relevant: 0, yes: 0 });
			count.relevant += 1;
			if (answer === 'yes') count.yes += 1;
		}
	}
	return counts;
}
