import { describe, expect, it } from 'vitest';
import { decodeImageDataUrl, encodeImageDataUrl } from '../../../src/hub/social/image-data-url';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (width = 16, height = 16, extra = 16): Buffer => {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  return Buffer.concat([Buffer.from(PNG_SIGNATURE), ihdr, Buffer.alloc(extra, 7)]);
};
const jpeg = (tail: number[] = []): Buffer => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3, 0xff, 0xd9, ...tail]);
const url = (mime: string, bytes: Buffer): string => `data:${mime};base64,${bytes.toString('base64')}`;

describe('chart snapshot data URLs', () => {
  it('decode a PNG and a JPEG to their bytes, and encode back to the same URL', () => {
    for (const [mime, bytes] of [['image/png', png()], ['image/jpeg', jpeg()]] as const) {
      const image = decodeImageDataUrl(url(mime, bytes));
      expect(image).toEqual({ mime, bytes });
      expect(encodeImageDataUrl(image)).toBe(url(mime, bytes));
    }
  });

  it('accept a JPEG with padding after its end marker', () => {
    expect(decodeImageDataUrl(url('image/jpeg', jpeg([0, 0, 0]))).mime).toBe('image/jpeg');
  });

  it('refuse bytes that are not what the URL claims', () => {
    expect(() => decodeImageDataUrl(url('image/png', jpeg()))).toThrow('Chart snapshot: the data is not a PNG image');
    expect(() => decodeImageDataUrl(url('image/jpeg', png()))).toThrow('Chart snapshot: the data is not a JPEG image');
    expect(() => decodeImageDataUrl(url('image/png', Buffer.from('GIF89a........................................')))).toThrow('not a PNG');
    expect(() => decodeImageDataUrl(url('image/png', png(0, 16)))).toThrow('not a PNG');
    expect(() => decodeImageDataUrl(url('image/jpeg', jpeg().subarray(0, 8)))).toThrow('not a JPEG');
  });

  it('refuse other formats, broken base64 and images over the limit, saying so', () => {
    expect(() => decodeImageDataUrl(url('image/gif', png()))).toThrow('expected a PNG or JPEG data URL');
    expect(() => decodeImageDataUrl(`data:image/png;base64,${png().toString('base64').slice(0, -1)}`)).toThrow(/cut short|expected a PNG/);
    expect(() => decodeImageDataUrl(url('image/png', png(16, 16, 1000)), 1000)).toThrow('Chart snapshot: the image is 1,033 bytes; at most 1,000 (0 KB)');
    expect(() => decodeImageDataUrl(url('image/png', png()))).not.toThrow();
  });

  it('report problems as INVALID_PARAMS on the image field', () => {
    expect(() => decodeImageDataUrl('data:image/png;base64,AAAA')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS', data: { fields: [{ path: 'image', message: 'the data is not a PNG image' }] } }));
  });
});
