import { createHash, randomBytes } from 'node:crypto';

/** A one-tap answer (or subscribe) token: 256 random bits; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Tokens are base64url of 32 bytes; anything else is not looked up. */
export function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function answerLinks(publicUrl: string, token: string) {
  const base = publicUrl.replace(/\/+$/, '');
  const page = `${base}/c/${token}`;
  return { page, fine: `${page}?answer=fine`, talk: `${page}?answer=talk`, api: `${base}/api/v1/public/checkins/${token}` };
}
