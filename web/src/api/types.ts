/**
 * Small helpers over the generated `paths` (schema.d.ts): the module api.ts files name their
 * request and response types with these instead of restating the server's shapes by hand.
 */
import type { paths } from './schema';

export type { paths };

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON body of the success answer (200, else 201) of `M P`. */
export type Json<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer OK }
      ? JsonContent<OK>
      : R extends { 201: infer Created }
        ? JsonContent<Created>
        : never
    : never;

/** The JSON request body of `M P`. */
export type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters of `M P` (all optional unless the server requires one). */
export type Query<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list answer `{ items: [...] }`. */
export type Item<T extends { items: readonly unknown[] }> = T['items'][number];

/**
 * A UI list of every value of a schema enum, in display order. It stops compiling when the
 * server adds a value the list lacks (or drops one it has), so selects never silently go stale.
 */
export function allOf<U extends string>() {
  return <const A extends readonly U[]>(values: A & ([U] extends [A[number]] ? unknown : { missing: Exclude<U, A[number]> })): A => values;
}
