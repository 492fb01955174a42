import { describe, expect, it } from 'vitest';
import { QueueViewSchema } from '#shared/contract/bridge';
import { VIEWS } from '../../../../../renderer/features/applications/views';

describe('application queue views', () => {
  it('open on the open work: the first (default) view is every application not finished', () => {
    expect(VIEWS[0]?.id).toBe('open');
    expect(VIEWS[0]?.query).toEqual({ view: 'open' });
  });

  it('map each saved view onto a view the console core knows', () => {
    for (const v of VIEWS) expect(QueueViewSchema.safeParse(v.query.view).success, v.id).toBe(true);
  });

  it('map different views onto different core queries', () => {
    expect(new Set(VIEWS.map((v) => JSON.stringify(v.query))).size).toBe(VIEWS.length);
  });

  it('have distinct ids and test ids, and fit on the number keys 1–9', () => {
    expect(new Set(VIEWS.map((v) => v.id)).size).toBe(VIEWS.length);
    const ids = VIEWS.map((v) => v.testId);
    expect(new Set(ids).size).toBe(VIEWS.length);
    for (const id of ids) expect(id).toMatch(/^view-[a-z-]+$/);
    expect(VIEWS.length).toBeLessThanOrEqual(9);
  });

  it('keep "all" reachable, including finished applications', () => {
    expect(VIEWS.map((v) => v.query.view)).toContain('all');
  });
});
