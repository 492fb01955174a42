import { describe, expect, it } from 'vitest';
import { QueueViewSchema } from '#shared/contract/bridge';
import { ApplicationStatusSchema } from '#shared/domain/items';
import { TERMINAL } from '#shared/domain/status';
import { CORE_VIEW, isOpenStatus, OPEN_APPLICATION_STATUSES, VIEW_TEST_ID, VIEWS } from '../../../../../renderer/features/applications/views';

describe('application queue views', () => {
  it('map each saved view onto a view the console core knows', () => {
    for (const v of VIEWS) expect(QueueViewSchema.safeParse(CORE_VIEW[v]).success, v).toBe(true);
  });

  it('map different views onto different core views', () => {
    expect(new Set(VIEWS.map((v) => CORE_VIEW[v])).size).toBe(VIEWS.length);
  });

  it('have one distinct test id per view', () => {
    const ids = VIEWS.map((v) => VIEW_TEST_ID[v]);
    expect(new Set(ids).size).toBe(VIEWS.length);
    for (const id of ids) expect(id).toMatch(/^view-[a-z-]+$/);
  });

  it('count as open exactly the statuses the status machine does not call terminal', () => {
    const open = ApplicationStatusSchema.options.filter((s) => !(TERMINAL.application as readonly string[]).includes(s));
    expect([...OPEN_APPLICATION_STATUSES].sort()).toEqual(open.sort());
    for (const s of ApplicationStatusSchema.options) expect(isOpenStatus(s), s).toBe(open.includes(s));
  });

  it('do not count an unknown status as open', () => {
    expect(isOpenStatus('reported')).toBe(false);
    expect(isOpenStatus('')).toBe(false);
  });
});
