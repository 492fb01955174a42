import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '#server/seed/index';
import { exifLocalTime, renderPhoto } from '#server/seed/photos';

const NOW = '2026-11-26T08:00:00.000Z';

describe('generated photos', () => {
  it('carry EXIF DateTimeOriginal in Shanghai wall time with its offset, and GPS, readable by exifr', async () => {
    const bytes = await renderPhoto({
      role: 'collision',
      plates: ['豫A·D12345'],
      stamp: '2026-11-20 09:15',
      variant: 3,
      takenAt: '2026-11-20T01:15:30.000Z',
      gps: { lat: 34.753427, lng: 113.618055 },
    });
    const tags = await exifr.parse(bytes, { gps: true, reviveValues: false });
    expect(tags.DateTimeOriginal).toBe('2026:11:20 09:15:30');
    expect(tags.OffsetTimeOriginal).toBe('+08:00');
    expect(tags.latitude).toBeCloseTo(34.753427, 5);
    expect(tags.longitude).toBeCloseTo(113.618055, 5);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 320]);
  });

  it('converts UTC to the Shanghai wall time EXIF expects, across midnight', () => {
    expect(exifLocalTime('2026-11-20T16:30:00.000Z')).toBe('2026:11:21 00:30:00');
  });

  it('dates each accident photo between the crash and the report, taken where the accident happened', async () => {
    const d = await generateDemoData({ seed: 11, perCity: { '410100': { applications: 0, accidents: 4, tips: 0 } }, now: NOW });
    for (const accident of d.accidents) {
      const from = exifLocalTime(accident.occurredAt);
      const to = exifLocalTime(accident.submittedAt ?? NOW);
      for (const photo of accident.photos) {
        const blob = d.blobs.get(photo.sha256);
        expect(blob).toBeDefined();
        const tags = await exifr.parse(blob?.bytes ?? Buffer.alloc(0), { gps: true, reviveValues: false });
        expect(tags.DateTimeOriginal >= from && tags.DateTimeOriginal <= to, `${from} ≤ ${tags.DateTimeOriginal} ≤ ${to}`).toBe(true);
        expect(Math.abs(tags.latitude - accident.location.lat)).toBeLessThan(0.001);
        expect(Math.abs(tags.longitude - accident.location.lng)).toBeLessThan(0.001);
      }
    }
  }, 60_000);
});
