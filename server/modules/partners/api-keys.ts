/**
 * Open311 API keys held by partners. Only the hash is stored; the Open311 gateway looks a key
 * up by `hashApiKey(key)` in api_keys (and must skip revoked rows).
 */
import { hashSecret, newSecret } from '../../access/secrets.js';

/** sha256 of the key, base64url: what api_keys.key_hash holds. */
export const hashApiKey = hashSecret;

/** A fresh key: a recognisable prefix and 192 random bits. */
export function generateApiKey(): string {
  return `tsk_${newSecret(24)}`;
}
