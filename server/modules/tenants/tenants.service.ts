/**
 * Tenant settings the admin may change: first-contact targets per urgency and the concern
 * category list. A category in use can be relabelled or re-prioritised but not removed, so no
 * stored concern loses its meaning.
 */
import { audit } from '../../access/audit.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { invalidateTenant } from './tenant-cache.js';
import { categoriesOf, targetHours, type ConcernCategory, type TenantSettings } from './tenant-settings.js';
import { URGENCIES, type Urgency } from '../../schema-helpers.js';

export interface SettingsPatch {
  urgency_targets_hours?: Partial<Record<Urgency, number>>;
  categories?: ConcernCategory[];
}

export function settingsView(settings: TenantSettings) {
  return {
    urgency_targets_hours: Object.fromEntries(URGENCIES.map((u) => [u, targetHours(settings, u)])) as Record<Urgency, number>,
    categories: categoriesOf(settings),
  };
}

export async function updateSettings(ctx: AppContext, principal: Principal | null, meta: RequestMeta, patch: SettingsPatch) {
  const p = requireAccess(principal, 'settings:write');
  const now = ctx.clock.now();
  const next = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tenants').select('settings').where('id', '=', p.tenantId).forUpdate().executeTakeFirstOrThrow();
    const settings: TenantSettings = { ...row.settings };
    if (patch.urgency_targets_hours) {
      const merged = { ...settingsView(settings).urgency_targets_hours, ...patch.urgency_targets_hours };
      // More urgent must never have a longer target than less urgent.
      for (let i = 1; i < URGENCIES.length; i++) {
        if (merged[URGENCIES[i - 1]!] > merged[URGENCIES[i]!]) throw new AppError(400, 'invalid_settings', undefined, { reason: 'urgency_order' });
      }
      settings.urgencyTargetsHours = merged;
    }
    if (patch.categories) {
      const codes = new Set(patch.categories.map((c) => c.code));
      if (codes.size !== patch.categories.length) throw new AppError(400, 'invalid_settings', undefined, { reason: 'duplicate_code' });
      const used = await trx.selectFrom('concerns').select('category').distinct().where('tenant_id', '=', p.tenantId).execute();
      const missing = used.map((u) => u.category).filter((c) => !codes.has(c));
      if (missing.length) throw new AppError(409, 'category_in_use', undefined, { category: missing.join(', ') });
      settings.categories = patch.categories;
    }
    await trx.updateTable('tenants').set({ settings: JSON.stringify(settings) }).where('id', '=', p.tenantId).execute();
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'account', entityId: null, detail: { settings: Object.keys(patch) } }]);
    return settings;
  });
  invalidateTenant(ctx.db, p.tenantId);
  return settingsView(next);
}
