import sharp from 'sharp';
import zlib from 'node:zlib';

/**
 * Hostile files for intake (bad-files.test.ts), made at test time so no binary sits in the repo:
 * PNG decompression bombs and header lies, truncated and corrupt JPEGs, EXIF that is huge, cyclic
 * or overflowing, "PDFs" that are not.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer, badCrc = false): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((crc32(body) ^ (badCrc ? 1 : 0)) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function ihdr(width: number, height: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = 8; // bit depth
  d[9] = 0; // greyscale
  return chunk('IHDR', d);
}

/** zlib stream of `rows` rows of (filter byte 0 + `width` zero pixels), without holding them in memory. */
function zeroRows(width: number, rows: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const d = zlib.createDeflate({ level: 9, memLevel: 9 });
    const out: Buffer[] = [];
    d.on('data', (c: Buffer) => out.push(c));
    d.on('end', () => resolve(Buffer.concat(out)));
    d.on('error', reject);
    const row = Buffer.alloc(width + 1);
    let written = 0;
    const write = (): void => {
      while (written < rows) {
        written += 1;
        if (!d.write(row)) {
          d.once('drain', write);
          return;
        }
      }
      d.end();
    };
    write();
  });
}

/** A valid greyscale PNG of width × height black pixels: a few hundred KB that decode to width × height bytes. */
export async function pngBomb(width: number, height: number): Promise<Buffer> {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), chunk('IDAT', await zeroRows(width, height)), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG whose header says width × height but whose data holds one row. */
export async function pngHeaderLie(width: number, height: number): Promise<Buffer> {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), chunk('IDAT', await zeroRows(width, 1)), chunk('IEND', Buffer.alloc(0))]);
}

export async function pngVariants(): Promise<Record<string, Buffer>> {
  const small = await zeroRows(8, 8);
  return {
    'a PNG with a bad CRC': Buffer.concat([PNG_SIGNATURE, ihdr(8, 8), chunk('IDAT', small, true), chunk('IEND', Buffer.alloc(0))]),
    'a PNG of width 0': Buffer.concat([PNG_SIGNATURE, ihdr(0, 8), chunk('IDAT', small), chunk('IEND', Buffer.alloc(0))]),
    'a PNG cut after its header': Buffer.concat([PNG_SIGNATURE, ihdr(8, 8)]),
    'the PNG signature alone': PNG_SIGNATURE,
    'a PNG with a 7 MB text chunk': Buffer.concat([PNG_SIGNATURE, ihdr(8, 8), chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(7 * 1024 * 1024, 0x41)])), chunk('IDAT', small), chunk('IEND', Buffer.alloc(0))]),
    'a PNG whose IDAT is not zlib': Buffer.concat([PNG_SIGNATURE, ihdr(64, 64), chunk('IDAT', Buffer.alloc(500, 0xab)), chunk('IEND', Buffer.alloc(0))]),
  };
}

// ---- JPEG ---------------------------------------------------------------------------------------

/** A 64×64 JPEG with noise, so there is scan data to cut and corrupt. */
export async function baseJpeg(): Promise<Buffer> {
  const noise = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width: 64, height: 64, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** Offset of the first marker `marker` (0xC0 = SOF0 …) in a JPEG. */
function markerAt(jpeg: Buffer, marker: number): number {
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) return -1;
    const m = jpeg[i + 1]!;
    if (m === marker) return i;
    if (m === 0xda) return -1;
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return -1;
}

/** SOI, then one APP1 per payload (each at most 65533 bytes), then the rest of `jpeg` after its SOI. */
function withApp1(jpeg: Buffer, payloads: Buffer[]): Buffer {
  const segments = payloads.map((p) => {
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(p.length + 2, 2);
    return Buffer.concat([head, p]);
  });
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

/** Little-endian TIFF with one IFD at offset 8: `entries` as [tag, type, count, value-or-offset], then `tail` (data areas at 8 + 2 + 12n + 4). */
function tiff(entries: [number, number, number, number][], next: number, tail: Buffer = Buffer.alloc(0), countOverride?: number): Buffer {
  const head = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(countOverride ?? entries.length, 0);
  entries.forEach(([tag, type, count, value], i) => {
    ifd.writeUInt16LE(tag, 2 + i * 12);
    ifd.writeUInt16LE(type, 4 + i * 12);
    ifd.writeUInt32LE(count, 6 + i * 12);
    ifd.writeUInt32LE(value >>> 0, 10 + i * 12);
  });
  ifd.writeUInt32LE(next, 2 + entries.length * 12);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), head, ifd, tail]);
}

const ASCII = 2;
const LONG = 4;
const RATIONAL = 5;

export async function jpegVariants(): Promise<Record<string, Buffer>> {
  const jpeg = await baseJpeg();
  const sof = markerAt(jpeg, 0xc0);
  const headerLie = Buffer.from(jpeg);
  if (sof > 0) {
    headerLie.writeUInt16BE(65500, sof + 5); // height
    headerLie.writeUInt16BE(65500, sof + 7); // width
  }
  const corrupt = Buffer.from(jpeg);
  const scan = markerAt(jpeg, 0xda) > 0 ? markerAt(jpeg, 0xda) : Math.floor(jpeg.length / 2);
  for (let i = scan + 20; i < corrupt.length - 2; i += 7) corrupt[i] = corrupt[i]! ^ 0x5a;
  const tablesGone = Buffer.from(jpeg);
  const dht = markerAt(jpeg, 0xc4);
  if (dht > 0) tablesGone.fill(0xee, dht + 4, Math.min(dht + 4 + jpeg.readUInt16BE(dht + 2) - 2, tablesGone.length));

  // EXIF: data area starts after one IFD of n entries
  const dataAt = (n: number) => 8 + 2 + 12 * n + 4;
  const bigText = 65_000 - dataAt(1) - 20;
  const hugeExif = tiff([[0x010e, ASCII, bigText, dataAt(1)]], 0, Buffer.alloc(bigText, 0x78));
  const cyclic = tiff(
    [
      [0x8769, LONG, 1, 8], // Exif IFD pointer → IFD0 itself
      [0x8825, LONG, 1, 8], // GPS IFD pointer → IFD0 itself
    ],
    8, // next IFD → itself
  );
  const overflowing = tiff([[0x010e, ASCII, 0xffffffff, 0xfffffff0]], 0, Buffer.alloc(0), 0xffff);
  // GPS with zero denominators and an impossible time
  const gpsAt = dataAt(2);
  const gpsEntries: [number, number, number, number][] = [
    [0x0001, ASCII, 2, 0x4e], // 'N'
    [0x0002, RATIONAL, 3, 0], // patched below
    [0x0003, ASCII, 2, 0x45], // 'E'
    [0x0004, RATIONAL, 3, 0],
  ];
  const gpsIfdLen = 2 + 12 * gpsEntries.length + 4;
  const ratAt = gpsAt + gpsIfdLen;
  gpsEntries[1]![3] = ratAt;
  gpsEntries[3]![3] = ratAt + 24;
  const gpsIfd = Buffer.alloc(gpsIfdLen);
  gpsIfd.writeUInt16LE(gpsEntries.length, 0);
  gpsEntries.forEach(([tag, type, count, value], i) => {
    gpsIfd.writeUInt16LE(tag, 2 + i * 12);
    gpsIfd.writeUInt16LE(type, 4 + i * 12);
    gpsIfd.writeUInt32LE(count, 6 + i * 12);
    gpsIfd.writeUInt32LE(value, 10 + i * 12);
  });
  const rationals = Buffer.alloc(48);
  [1, 0, 0, 0, 0xffffffff, 1, 0xffffffff, 0, 7, 0, 0, 0].forEach((v, i) => rationals.writeUInt32LE(v >>> 0, i * 4));
  const dto = Buffer.from('9999:99:99 99:99:99\0', 'latin1');
  const exifIfdAt = ratAt + 48;
  const exifIfd = Buffer.alloc(2 + 12 + 4);
  exifIfd.writeUInt16LE(1, 0);
  exifIfd.writeUInt16LE(0x9003, 2);
  exifIfd.writeUInt16LE(ASCII, 4);
  exifIfd.writeUInt32LE(dto.length, 6);
  exifIfd.writeUInt32LE(exifIfdAt + exifIfd.length, 10);
  const badGps = tiff(
    [
      [0x8825, LONG, 1, gpsAt],
      [0x8769, LONG, 1, exifIfdAt],
    ],
    0,
    Buffer.concat([gpsIfd, rationals, exifIfd, dto]),
  );
  const manySegments = Array.from({ length: 110 }, () => hugeExif);

  const sharpExif = await sharp(await baseJpeg())
    .withExif({ IFD0: { ImageDescription: 'x'.repeat(60_000), Copyright: '版权'.repeat(5_000) }, IFD2: { UserComment: 'y'.repeat(60_000) } })
    .jpeg()
    .toBuffer();

  return {
    'a JPEG cut in half': jpeg.subarray(0, Math.floor(jpeg.length / 2)),
    'a JPEG cut right after its SOF': sof > 0 ? jpeg.subarray(0, sof + 19) : jpeg.subarray(0, 200),
    'the JPEG magic and one byte': Buffer.from([0xff, 0xd8, 0xff, 0x00]),
    'a JPEG with its scan data corrupted': corrupt,
    'a JPEG with garbage Huffman tables': tablesGone,
    'a JPEG whose SOF says 65500×65500': headerLie,
    'a JPEG with a 65 KB EXIF description': withApp1(jpeg, [hugeExif]),
    'a JPEG with 110 EXIF segments (7 MB)': withApp1(jpeg, manySegments),
    'a JPEG whose EXIF IFDs point at themselves': withApp1(jpeg, [cyclic]),
    'a JPEG whose EXIF claims 65535 entries of 4 GB': withApp1(jpeg, [overflowing]),
    'a JPEG with zero-denominator GPS and an impossible time': withApp1(jpeg, [badGps]),
    'a JPEG with huge fields through sharp withExif': sharpExif,
  };
}

export function pdfVariants(): Record<string, Buffer> {
  const junk = Buffer.alloc(4000);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 40503) & 0xff;
  return {
    'a "PDF" that is %PDF- and junk': Buffer.concat([Buffer.from('%PDF-'), junk]),
    'a "PDF" of five bytes': Buffer.from('%PDF-'),
    'a "PDF" with script and no structure': Buffer.from('%PDF-1.7\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n'),
    'a "PDF" whose xref points past its end': Buffer.from('%PDF-1.4\n1 0 obj << /Length 999999999 >> stream\nx\nendstream endobj\nxref\n0 1\n9999999999 00000 n \ntrailer << /Size 1 /Root 1 0 R >>\nstartxref\n99999999\n%%EOF\n'),
    'a "PDF" that is a zip bomb header': Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Filter /FlateDecode /Length 100 >> stream\n'), zlib.deflateSync(Buffer.alloc(5 * 1024 * 1024)), Buffer.from('\nendstream endobj\n%%EOF')]),
  };
}
