/**
 * Downscales a photo on the device before it is stored and sent (~1600 px on the long side,
 * JPEG): saves data on a phone plan, and re-encoding drops the camera's metadata even before the
 * server strips it again.
 */
const MAX_SIDE = 1600;

export async function downscale(file: Blob): Promise<{ blob: Blob; type: string }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // Not decodable here (e.g. HEIC on some browsers): send as is; the server checks the type.
    return { blob: file, type: file.type || 'image/jpeg' };
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
  return blob ? { blob, type: 'image/jpeg' } : { blob: file, type: file.type || 'image/jpeg' };
}
