/**
 * One-tap links for people without an account: a watcher's safety confirmation, a check-in
 * answer, a push opt-in. The random token in the link is the capability (256 bits); only its
 * SHA-256 is stored, next to what it opens (the module looks its own row up by the hash). Every
 * use is limited per client address first, so guessing is throttled before any lookup.
 */
import type { AppContext } from '../../context.js';
import { hitRateLimit } from '../rate-limit.js';
import { hashSecret, newSecret } from '../secrets.js';

/** A fresh link token: base64url of 32 random bytes (43 characters). */
export function newLinkToken(): string {
  return newSecret(32);
}

/** What the owning row stores for a link token. */
export const hashLinkToken = hashSecret;

/** Link tokens are base64url of 32 bytes; anything else is not looked up. */
export function plausibleLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Counts one use of a link of this kind by this client, and refuses (429 rate_limited with
 * Retry-After) beyond `max` per window.
 */
export async function throttleLinkUse(ctx: AppContext, kind: string, ip: string | null, windowMs: number, max: number): Promise<void> {
  await hitRateLimit(ctx.db, `${kind}:${ip ?? 'unknown'}`, ctx.clock.now(), windowMs, max);
}
