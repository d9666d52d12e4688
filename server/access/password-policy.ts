/**
 * Which passwords may be set: at least 12 characters, not a common or breached password, and
 * hard enough to guess by zxcvbn's estimate (score 3 of 4, about 10^8 guesses), judged with the
 * account's email, name and municipality as words an attacker would try first. Server-side only:
 * the dictionaries (@zxcvbn-ts/language-common) never reach a browser bundle.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../errors.js';

export const PASSWORD_MIN_LENGTH = 12;
const MIN_SCORE = 3;
/** zxcvbn's warnings that mean "this is (close to) a well-known password". */
const COMMON_WARNINGS = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned']);

let zxcvbn: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  return (zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));
}

/** Words an attacker would try first for this account: its email and its parts, name, municipality. */
export function userWords(...values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    const s = v.toLowerCase();
    out.add(s);
    for (const part of s.split(/[@.\s_+-]+/)) if (part.length >= 3) out.add(part);
  }
  return [...out];
}

export type PasswordVerdict = 'ok' | 'password_too_weak' | 'password_too_common';

export function judgePassword(password: string, words: string[] = []): PasswordVerdict {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password_too_weak';
  const result = estimator().check(password, words);
  if (result.score >= MIN_SCORE) return 'ok';
  const commonOnly = result.sequence.every(
    (m) => m.pattern === 'separator' || (m.pattern === 'dictionary' && m.dictionaryName === 'passwords-common'),
  );
  return COMMON_WARNINGS.has(result.feedback.warning ?? '') || commonOnly ? 'password_too_common' : 'password_too_weak';
}

/** Throws 400 password_too_weak or password_too_common unless the password may be set. */
export function requireStrongPassword(password: string, words: string[] = []): void {
  const verdict = judgePassword(password, words);
  if (verdict !== 'ok') throw new AppError(400, verdict, undefined, { min: PASSWORD_MIN_LENGTH });
}
