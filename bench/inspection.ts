// A maximum-size 2025 inspection, the same every run (seeded), answered case by case.
import type { Answer, Inspection } from '../src/lib/engine/index';

function seeded(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
}

export function maximumInspection(children = 125, victims = 30): Inspection {
	const random = seeded(2025);
	const answer = (p: number): Answer => (random() < p ? 'yes' : 'no');
	const cases: NonNullable<Inspection['cases']> = [];
	for (let i = 0; i < children; i++) {
		const answers: Record<string, Answer> = {};
		for (const s of ['2.1', '2.2', '2.3']) {
			answers[`${s}.1`] = answer(0.78);
			answers[`${s}.2`] = answer(0.7);
		}
		cases.push({ id: `child-${i + 1}`, sample: random() < 0.7 ? 'court' : 'out-of-court', answers });
	}
	for (let i = 0; i < victims; i++) cases.push({ id: `victim-${i + 1}`, sample: 'victim', answers: { 'V1.1': answer(0.72) } });
	return {
		context: { inspectionType: 'iyjs' },
		cases,
		judgements: {
			'1.1': { rating: 'good', keyQuestions: { '1.1.1': 'yes' } },
			'1.2': { rating: 'requires-improvement', keyQuestions: { '1.2.1': 'no' } },
			'1.3': { rating: 'good', keyQuestions: { '1.3.1': 'yes' } },
			V1: { keyQuestions: { 'V1.2': 'no' } }
		}
	};
}
