import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandId } from '#console/ids';

describe('command ids', () => {
  it('are RFC 9562 version 7 UUIDs the exchange accepts, ordered by their time', () => {
    const t = Date.parse('2026-12-03T04:05:06.789Z');
    const ids = [commandId(t), commandId(t + 1), commandId(t + 60_000), commandId(t + 86_400_000)];
    for (const id of ids) {
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    // the first 48 bits are the milliseconds
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    // and the rest is random: a thousand in the same millisecond are all different
    expect(new Set(Array.from({ length: 1000 }, () => commandId(t))).size).toBe(1000);
  });
});
