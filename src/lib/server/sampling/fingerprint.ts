// The longlist's fingerprint a draw records: SHA-256, as lowercase hex, of its canonical form.
import { createHash } from 'node:crypto';
import { longlistForm, type FingerprintRow } from '../../sampling/fingerprint';

export function longlistFingerprint(rows: readonly FingerprintRow[]): string {
	return createHash('sha256').update(longlistForm(rows), 'utf8').digest('hex');
}
