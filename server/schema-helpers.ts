/**
 * TypeBox parts every module's schemas share: ids, path parameters, the urgency scale of the
 * core loop. Shared floor, not a module: it imports nothing from server/modules.
 */
import { type TSchema, Type } from 'typebox';

/** A string limited to the given values, typed as their union (JSON Schema `enum`). */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Uuid = Type.String({ format: 'uuid' });

/** `/:id` path parameters: a UUID, so a malformed id is a 400 before any handler runs. */
export const IdParams = Type.Object({ id: Uuid });

/**
 * Urgency of a concern or case (DESIGN.md §2), most urgent first. Targets per urgency are tenant
 * settings (tenants module); the scale itself is shared by concerns, cases, alerts and KPIs.
 */
export const URGENCIES = ['emergency', 'high', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const UrgencySchema = StringEnum(URGENCIES);

/** Position on the urgency scale: lower is more urgent. */
export function urgencyRank(u: Urgency): number {
  return URGENCIES.indexOf(u);
}
