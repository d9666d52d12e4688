import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { Uuid } from '../../schema-helpers.js';
import { addPhoto, getPhoto } from './photos.service.js';

const PhotoSchema = Type.Object({
  id: Uuid,
  width: Type.Integer(),
  height: Type.Integer(),
  size: Type.Integer(),
  content_type: Type.String(),
});
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif', 'application/octet-stream'];

export const photosRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Raw image bodies only in this plugin; the declared type is not trusted (checked from bytes).
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: ctx.config.photoMaxBytes }, (_req, body, done) => done(null, body));
  const tags = ['concerns'];

  app.post(
    '/concerns/:id/photos',
    {
      config: { permission: 'concern:create' },
      bodyLimit: ctx.config.photoMaxBytes,
      schema: {
        tags,
        summary: 'Add a photo (raw image body). Re-encoded with all metadata removed; visible to hub staff only.',
        params: Type.Object({ id: Uuid }),
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        response: { 201: PhotoSchema },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_photo_type');
      const { photo, replayed } = await addPhoto(ctx, req.principal, req.meta, req.params.id, req.body, req.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(photo);
    },
  );

  app.get(
    '/concerns/:id/photos/:photoId',
    {
      config: { permission: 'concern:read' },
      schema: { tags, summary: 'A photo of a concern (audited)', params: Type.Object({ id: Uuid, photoId: Uuid }) },
    },
    async (req, reply) => {
      const row = await getPhoto(ctx, req.principal, req.meta, req.params.id, req.params.photoId);
      return reply.type(row.content_type).header('cache-control', 'private, no-store').send(row.bytes);
    },
  );
};
