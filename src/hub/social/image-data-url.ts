import { ApiError } from '../../shared/contract/errors';
import { SOCIAL_LIMITS } from '../../shared/social/social-types';

export type ImageMime = 'image/png' | 'image/jpeg';

/** A chart snapshot as stored: the decoded bytes and what they are. */
export interface DecodedImage {
  mime: ImageMime;
  bytes: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_URL = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/]+={0,2})$/;

const invalid = (message: string): ApiError => new ApiError('INVALID_PARAMS', `Chart snapshot: ${message}`, { fields: [{ path: 'image', message }] });

/**
 * Decodes a chart snapshot data URL and checks that the bytes really are the PNG or JPEG it claims
 * (magic bytes and the first structure: a PNG's IHDR with a non-zero size, a JPEG's start marker and
 * end marker) and that it fits `SOCIAL_LIMITS.imageBytes`.
 */
export function decodeImageDataUrl(dataUrl: string, maxBytes: number = SOCIAL_LIMITS.imageBytes): DecodedImage {
  const match = DATA_URL.exec(dataUrl);
  if (!match) throw invalid('expected a PNG or JPEG data URL (data:image/png;base64,…)');
  const mime = match[1] as ImageMime;
  const base64 = match[2]!;
  if (base64.length % 4 !== 0) throw invalid('the base64 data is cut short');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxBytes) throw invalid(`the image is ${bytes.length.toLocaleString('en-US')} bytes; at most ${maxBytes.toLocaleString('en-US')} (${Math.floor(maxBytes / 1024)} KB)`);
  if (mime === 'image/png' ? !isPng(bytes) : !isJpeg(bytes)) throw invalid(`the data is not a ${mime === 'image/png' ? 'PNG' : 'JPEG'} image`);
  return { mime, bytes };
}

export function encodeImageDataUrl(image: DecodedImage): string {
  return `data:${image.mime};base64,${image.bytes.toString('base64')}`;
}

function isPng(b: Buffer): boolean {
  // Signature, then the IHDR chunk (length 13) with width and height above 0.
  if (b.length < 33 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') return false;
  return b.readUInt32BE(16) > 0 && b.readUInt32BE(20) > 0;
}

function isJpeg(b: Buffer): boolean {
  // SOI and the first marker, and an EOI marker at the end (ignoring padding some encoders add).
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return false;
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00) end--;
  return b[end - 2] === 0xff && b[end - 1] === 0xd9;
}
