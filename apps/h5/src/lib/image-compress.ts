import { t } from '../i18n/translate.ts';

/**
 * Shrinks a photo on the phone before it is uploaded: a 12-megapixel camera
 * picture of 4–8 MB becomes a JPEG of a few hundred KB with its longest edge
 * at most `maxEdge` pixels, which is plenty to read a certificate and takes
 * seconds instead of minutes on a weak mobile connection.
 *
 * - The picture is turned upright from its EXIF orientation
 *   (createImageBitmap with imageOrientation 'from-image'; an <img> where
 *   createImageBitmap is missing, which browsers also turn upright).
 * - Transparent areas (PNG screenshots) become white, not black, in the JPEG.
 * - The original is kept when it cannot be decoded here (HEIC outside
 *   Safari), is an animation (GIF), or when the result would not be smaller.
 */
export interface CompressOptions {
  /** The longest edge of the result in pixels (a portrait photo is limited in height, a landscape one in width). */
  maxEdge?: number;
  /** JPEG quality, 0–1. */
  quality?: number;
}

export const compressDefaults = { maxEdge: 1920, quality: 0.8 } as const;

/** Pictures worth re-encoding: GIF is left alone (it may be animated), anything not a picture too. */
const COMPRESSIBLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/bmp']);

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  release: () => void;
}

async function decodeWithBitmap(file: Blob): Promise<Decoded> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    // Older engines refuse the options object: without it they still decode (and mostly honour EXIF anyway).
    if (error instanceof TypeError) bitmap = await createImageBitmap(file);
    else throw error;
  }
  return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
}

function decodeWithImage(file: Blob): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => resolve({ source: image, width: image.naturalWidth, height: image.naturalHeight, release: () => URL.revokeObjectURL(url) });
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image could not be decoded'));
    };
    image.src = url;
  });
}

/** Draws the picture scaled onto a white canvas and encodes it as JPEG. */
async function encodeJpeg(decoded: Decoded, width: number, height: number, quality: number): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(decoded.source, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(decoded.source, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/** The size a picture of width × height is drawn at so that its longest edge is at most maxEdge (never enlarged). */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The file name with a .jpg extension (the content is now JPEG; the server checks the two agree). */
export function jpegName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name || t('components.file.photoName')}.jpg`;
}

/**
 * The picture, upright and at most maxEdge on its longest side, as JPEG; or
 * the original file when that is not smaller or cannot be made here.
 */
export async function compressImage(file: File, options: CompressOptions = {}): Promise<File> {
  if (!COMPRESSIBLE.has(file.type)) return file;
  const maxEdge = options.maxEdge ?? compressDefaults.maxEdge;
  const quality = options.quality ?? compressDefaults.quality;
  let decoded: Decoded;
  try {
    decoded = typeof createImageBitmap === 'function' ? await decodeWithBitmap(file) : await decodeWithImage(file);
  } catch {
    return file; // e.g. HEIC in a browser that cannot read it: the server takes the original
  }
  try {
    const size = fitWithin(decoded.width, decoded.height, maxEdge);
    const blob = await encodeJpeg(decoded, size.width, size.height, quality);
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  } finally {
    decoded.release();
  }
}
