/** A number as the arithmetic shows it: up to four decimals, no trailing zeros. */
export function num(x: number): string {
	return String(Number(x.toFixed(4)));
}
