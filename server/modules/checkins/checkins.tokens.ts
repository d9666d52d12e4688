/** One-tap answer (and subscribe) tokens: 256 random bits; only their hash is stored. */
export { hashSecret as hashToken, newSecret as newToken } from '../../access/secrets.js';

/** Tokens are base64url of 32 bytes; anything else is not looked up. */
export function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function answerLinks(publicUrl: string, token: string) {
  const base = publicUrl.replace(/\/+$/, '');
  const page = `${base}/c/${token}`;
  return { page, fine: `${page}?answer=fine`, talk: `${page}?answer=talk`, api: `${base}/api/v1/public/checkins/${token}` };
}
