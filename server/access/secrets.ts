/**
 * Bearer secrets (session cookies, device and API tokens, enrollment codes, one-tap links):
 * random, URL-safe, and stored only as their SHA-256, so a leaked database leaks no usable secret.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret: `bytes` random bytes as base64url (32 bytes = 256 bits, 43 characters). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the database stores for a secret: SHA-256, base64url. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
