import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../access/access.plugin.js';
import { changeOwnPassword } from '../../access/authenticators/password-change.js';
import { login, logout, SESSION_COOKIE } from '../../access/authenticators/session.js';
import { ROLE_PERMISSIONS } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { IdParams } from '../../schema-helpers.js';
import { tenantName } from '../tenants/tenants.service.js';
import {
  AccountCreate,
  AccountCreated,
  AccountPatch,
  AccountSummary,
  LoginBody,
  LoginResponse,
  Me,
  PasswordChangeBody,
  PasswordResetResponse,
} from './accounts.schemas.js';
import { createAccount, emailOf, listAccounts, resetPassword, updateAccount } from './accounts.service.js';
import { auditLogRoutes } from './audit-log.routes.js';

export const accountsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tenantOf = (id: string) => tenantName(ctx.db, id);
  await app.register(auditLogRoutes, { ctx });

  app.post(
    '/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password (and the municipality, when the server asks for it with 409 tenant_required)',
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body, request.meta);
      const tenant = await tenantOf(result.principal.tenantId);
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: result.absoluteExpiresAt,
      });
      const p = result.principal;
      return {
        account_id: p.accountId,
        tenant_id: p.tenantId,
        tenant_slug: tenant.slug,
        tenant_name: tenant.name,
        email: request.body.email.toLowerCase(),
        display_name: p.displayName,
        role: p.role,
        permissions: [...ROLE_PERMISSIONS[p.role]],
        hub_id: p.hubId,
        locale: p.locale,
        csrf_token: result.csrfToken,
        password_change_required: result.passwordChangeRequired,
        expires_at: result.absoluteExpiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (!request.session) throw new AppError(401, 'unauthenticated');
      await logout(ctx, request.session, request.meta);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { permission: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in account (or enrolled phone), its permissions and CSRF token',
        response: { 200: Me },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const tenant = await tenantOf(p.tenantId);
      const session = request.session;
      return {
        account_id: p.accountId,
        tenant_id: p.tenantId,
        tenant_slug: tenant.slug,
        tenant_name: tenant.name,
        // A phone has no session: a supporter's phone speaks for their account, a partner's for no one's.
        email: session ? session.email : p.deviceId && p.role === 'supporter' ? ((await emailOf(ctx, p)) ?? null) : null,
        display_name: p.displayName,
        role: p.role,
        permissions: [...ROLE_PERMISSIONS[p.role]],
        hub_id: p.hubId,
        locale: p.locale,
        csrf_token: session?.csrfToken ?? '',
        password_change_required: session?.passwordChangeRequired ?? false,
        ...(p.deviceId ? { device_id: p.deviceId } : {}),
      };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change my own password (current and new); ends my other sessions',
        body: PasswordChangeBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(ctx, request.session, request.principal, request.meta, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/accounts',
    {
      config: { permission: 'account:read' },
      schema: {
        tags: ['accounts'],
        summary: 'Staff accounts of the tenant',
        response: { 200: Type.Object({ items: Type.Array(AccountSummary) }) },
      },
    },
    async (request) => listAccounts(ctx, request.principal),
  );

  app.post(
    '/accounts',
    {
      config: { permission: 'account:write' },
      schema: {
        tags: ['accounts'],
        summary:
          'Create a staff account (admin); without a password, a one-time password is made, returned once, and must be changed at first login',
        body: AccountCreate,
        response: { 201: AccountCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(ctx, req.principal, req.meta, req.body)),
  );

  app.patch(
    '/accounts/:id',
    {
      config: { permission: 'account:write' },
      schema: {
        tags: ['accounts'],
        summary: 'Change role, hub, password; disable or enable (admin)',
        params: IdParams,
        body: AccountPatch,
        response: { 200: AccountSummary },
      },
    },
    async (req) => updateAccount(ctx, req.principal, req.meta, req.params.id, req.body),
  );

  app.post(
    '/accounts/:id/reset-password',
    {
      config: { permission: 'account:write' },
      schema: {
        tags: ['accounts'],
        summary: 'Set a one-time password (shown once) that the person must replace at their next login; ends their sessions (admin)',
        params: IdParams,
        response: { 200: PasswordResetResponse },
      },
    },
    async (req) => resetPassword(ctx, req.principal, req.meta, req.params.id),
  );
};
