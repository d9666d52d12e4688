/**
 * Photos on concerns. What arrives is never stored as sent: the type is checked from the bytes
 * (not the header), the image is decoded with a pixel limit (no decompression bombs), rotated
 * upright, scaled to at most 1600 px and re-encoded as JPEG — which drops every piece of
 * metadata (EXIF, GPS, thumbnails, XMP, ICC comments). Only hub staff can view photos.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { audit } from '../../access/audit.js';
import { requirePhotoUpload } from '../../access/policies.js';
import type { Principal, RequestMeta } from '../../access/principal.js';
import { requireAccess } from '../../access/require-access.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import {
  claimPhotoKey,
  concernForPhoto,
  countPhotos,
  insertPhoto,
  lockConcernForPhotos,
  photoBytes,
  photoIdempotent,
  photosOf,
} from './photos.queries.js';

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif']);
const MAX_SIDE = 1600;
const MAX_INPUT_PIXELS = 50_000_000;
const MAX_PHOTOS = 5;

export interface StrippedPhoto {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Checks the real type and re-encodes without metadata. Throws 415 for anything not an image. */
export async function stripPhoto(input: Buffer): Promise<StrippedPhoto> {
  const type = await fileTypeFromBuffer(input);
  if (!type || !ACCEPTED.has(type.mime)) throw new AppError(415, 'unsupported_photo_type');
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    throw new AppError(415, 'unsupported_photo_type');
  }
}

export async function addPhoto(
  ctx: AppContext,
  principal: Principal | null,
  meta: RequestMeta,
  concernId: string,
  input: Buffer,
  idempotencyKey: string | undefined,
) {
  const p = requireAccess(principal, 'concern:create');
  if (input.length > ctx.config.photoMaxBytes) throw new AppError(413, 'photo_too_large');
  const now = ctx.clock.now();
  const concern = await concernForPhoto(ctx.db, p.tenantId, concernId);
  requirePhotoUpload(p, concern, now);
  if (idempotencyKey) {
    const prior = await photoIdempotent(ctx.db, p.tenantId, `photo:${p.accountId}`, idempotencyKey);
    if (prior) return { photo: prior.response as ReturnType<typeof dto>, replayed: true };
  }
  const photo = await stripPhoto(input);
  const id = uuidv7();
  const out = dto({ id, width: photo.width, height: photo.height, size: photo.bytes.length });
  const stored = await withTransaction(ctx, async (trx) => {
    await lockConcernForPhotos(trx, p.tenantId, concernId);
    if (idempotencyKey && !(await claimPhotoKey(trx, p.tenantId, `photo:${p.accountId}`, idempotencyKey, out, now))) return false;
    if ((await countPhotos(trx, p.tenantId, concernId)) >= MAX_PHOTOS) throw new AppError(409, 'photo_limit');
    await insertPhoto(trx, {
      tenant_id: p.tenantId,
      id,
      concern_id: concernId,
      content_type: 'image/jpeg',
      width: photo.width,
      height: photo.height,
      size: photo.bytes.length,
      bytes: photo.bytes,
      created_at: now,
    });
    await audit(trx, p, meta, now, [{ action: 'update', entityType: 'concern', entityId: concernId, detail: { photo: id } }]);
    return true;
  });
  if (!stored) {
    const prior = (await photoIdempotent(ctx.db, p.tenantId, `photo:${p.accountId}`, idempotencyKey!))!;
    return { photo: prior.response as ReturnType<typeof dto>, replayed: true };
  }
  return { photo: out, replayed: false };
}

function dto(p: { id: string; width: number; height: number; size: number }) {
  return { id: p.id, width: p.width, height: p.height, size: p.size, content_type: 'image/jpeg' as const };
}

export async function listPhotos(ctx: AppContext, tenantId: string, concernId: string) {
  const rows = await photosOf(ctx.db, tenantId, concernId);
  return rows.map(dto);
}

export async function getPhoto(ctx: AppContext, principal: Principal | null, meta: RequestMeta, concernId: string, photoId: string) {
  const p = requireAccess(principal, 'concern:read');
  const row = await photoBytes(ctx.db, p.tenantId, concernId, photoId);
  if (!row) throw new AppError(404, 'photo_not_found');
  await audit(ctx.db, p, meta, ctx.clock.now(), [
    { action: 'read', entityType: 'concern', entityId: concernId, detail: { photo: photoId } },
  ]);
  return row;
}
