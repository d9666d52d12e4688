/**
 * One app-wide guard for text PostgreSQL cannot store: NUL (U+0000) is refused by text and
 * jsonb alike (a 500 deep in a handler), and a lone UTF-16 surrogate would be stored as U+FFFD
 * in text (silently changed) and is refused by jsonb. Every string in a JSON or form body, the
 * query string and the path parameters is checked before validation and any handler: the answer
 * is 400 invalid_input naming the field. Routes marked `config.perItemValidation` (telemetry
 * batches, which reject bad readings one by one) keep their body to themselves.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
const MAX_DEPTH = 32;

/** The path (dots between keys and indexes) of the first string that cannot be stored, or null. */
export function findUnstorable(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return unstorable(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorable(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const at = [...path, k];
    if (unstorable(k)) return at;
    const hit = findUnstorable(v, at, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: [string, unknown][] = [
      ['params', request.params],
      ['query', request.query],
      ...(request.routeOptions.config?.perItemValidation ? [] : ([['body', request.body]] as [string, unknown][])),
    ];
    for (const [where, value] of parts) {
      const hit = findUnstorable(value);
      if (hit) throw new AppError(400, 'invalid_input', undefined, { field: hit.length ? hit.join('.') : where });
    }
  });
}
