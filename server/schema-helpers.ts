import { Type, type TSchema } from 'typebox';

/** A string limited to the given values, typed as their union (JSON Schema `enum`). */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
