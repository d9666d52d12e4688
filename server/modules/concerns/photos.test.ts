import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createTestApp, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
let partner: Actor;
let staff: Actor;
let concernId: string;

/** A JPEG from a camera that knows too much: maker, owner and GPS position in its EXIF. */
async function cameraJpeg(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#6b8e23' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TsunagariCam', Copyright: 'Owner Yamada', ImageDescription: 'Apartment 201' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 37/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 30/1' },
    } as never)
    .toBuffer();
}

async function upload(actor: Actor, id: string, body: Buffer, type = 'image/jpeg', key?: string) {
  return actor.inject({
    method: 'POST',
    url: `/api/v1/concerns/${id}/photos`,
    payload: body,
    headers: { 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  partner = await t.as('partner');
  staff = await t.as('hub_staff');
  concernId = (await partner.post('/api/v1/concerns', { category: 'mail_piling_up', place_text: '写真荘' })).json().id;
});
afterAll(async () => t?.close());

describe('photos on concerns', () => {
  it('strips EXIF, GPS and thumbnails, and scales down', async () => {
    const input = await cameraJpeg();
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif?.toString('latin1')).toContain('TsunagariCam');
    const withoutGps = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'TsunagariCam', Copyright: 'Owner Yamada', ImageDescription: 'Apartment 201' } } as never)
      .toBuffer();
    expect(inMeta.exif!.length).toBeGreaterThan((await sharp(withoutGps).metadata()).exif!.length); // the GPS block is really there

    const res = await upload(partner, concernId, input);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ width: 1600, height: 1067, content_type: 'image/jpeg' });
    const got = await staff.inject({ method: 'GET', url: `/api/v1/concerns/${concernId}/photos/${res.json().id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['cache-control']).toContain('no-store');
    const out = got.rawPayload;
    const meta = await sharp(out).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(out.includes(Buffer.from('Exif'))).toBe(false);
    expect(out.includes(Buffer.from('TsunagariCam'))).toBe(false);
    expect(out.includes(Buffer.from('Owner Yamada'))).toBe(false);
  });

  it('rejects a forged type: a text file labelled image/jpeg', async () => {
    const res = await upload(partner, concernId, Buffer.from('<?php echo "not an image"; ?>'.repeat(20)), 'image/jpeg');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_photo_type');
  });

  it('rejects a truncated JPEG and an SVG', async () => {
    const jpeg = await cameraJpeg(200, 200);
    expect((await upload(partner, concernId, jpeg.subarray(0, 300))).statusCode).toBe(415);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await upload(partner, concernId, svg, 'image/png')).statusCode).toBe(415);
  });

  it('rejects a body over the size limit', async () => {
    const big = Buffer.alloc(t.ctx.config.photoMaxBytes + 1, 0xff);
    const res = await upload(partner, concernId, big);
    expect(res.statusCode).toBe(413);
  });

  it('is idempotent per key and shown only to hub staff', async () => {
    const before = (await staff.get(`/api/v1/concerns/${concernId}`)).json().photos.length;
    const jpeg = await cameraJpeg(400, 300);
    const a = await upload(partner, concernId, jpeg, 'image/jpeg', 'photo-key-1');
    const b = await upload(partner, concernId, jpeg, 'image/jpeg', 'photo-key-1');
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect((await staff.get(`/api/v1/concerns/${concernId}`)).json().photos).toHaveLength(before + 1);
    // The partner who took it cannot read it back, nor can an analyst.
    expect((await partner.get(`/api/v1/concerns/${concernId}/photos/${a.json().id}`)).statusCode).toBe(403);
    expect((await (await t.as('analyst')).get(`/api/v1/concerns/${concernId}/photos/${a.json().id}`)).statusCode).toBe(403);
  });

  it("does not let a reporter add photos to someone else's report", async () => {
    const other = (await staff.post('/api/v1/concerns', { category: 'other', place_text: '別の場所' })).json().id;
    const res = await upload(await t.as('supporter'), other, await cameraJpeg(100, 100));
    expect(res.statusCode).toBe(404);
  });
});
