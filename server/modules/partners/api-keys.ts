/**
 * Open311 API keys held by partners. Only the hash is stored; the Open311 gateway looks a key
 * up by `hashApiKey(key)` in api_keys (and must skip revoked rows).
 */
import { createHash, randomBytes } from 'node:crypto';

/** sha256 of the key, base64url: what api_keys.key_hash holds. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** A fresh key: a recognisable prefix and 192 random bits. */
export function generateApiKey(): string {
  return `tsk_${randomBytes(24).toString('base64url')}`;
}
