/**
 * A short code a reporter can read out on the phone ("K7Q4-M2XA"), derived from the random
 * tail of the concern's UUIDv7, in Crockford base32 (no I, L, O, U to avoid misreading).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function referenceOf(id: string): string {
  const hex = id.replace(/-/g, '').slice(-10); // 40 random bits
  let n = BigInt(`0x${hex}`);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}
