import { describe, expect, it } from 'vitest';
import { MATERIALS, SERVICES, findService } from '#shared/data/catalogue';
import { ApplicationIntakeSchema } from '#shared/contract/api';
import { AttachmentRoleSchema } from '#shared/domain/attachments';

describe('service catalogue', () => {
  it('has unique lowercase snake-case codes that fit the intake schema', () => {
    const codes = SERVICES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(ApplicationIntakeSchema.shape.serviceCode.safeParse(c).success, c).toBe(true);
    }
  });

  it('marks exactly the three fully online household services', () => {
    const online = SERVICES.filter((s) => s.mode === 'fully_online').map((s) => s.name);
    expect(online.sort()).toEqual(['入伍注销户口', '出国（境）注销户口', '变更学历'].sort());
    expect(SERVICES.filter((s) => s.mode === 'fully_online').every((s) => s.branch === 'household')).toBe(true);
  });

  it('covers every branch, with a representative set of household services', () => {
    const branches = new Set(SERVICES.map((s) => s.branch));
    expect([...branches].sort()).toEqual(['exit_entry', 'household', 'rental', 'residence', 'traffic']);
    const household = SERVICES.filter((s) => s.branch === 'household');
    expect(household.length).toBeGreaterThanOrEqual(15);
    expect(household.length).toBeLessThanOrEqual(29);
    for (const kind of ['入户', '迁', '注销', '变更']) expect(household.some((s) => s.name.includes(kind)), kind).toBe(true);
  });

  it('gives every service a positive limit, a delivery option, names and its own materials', () => {
    for (const s of SERVICES) {
      expect(Number.isInteger(s.limitDays) && s.limitDays > 0, s.code).toBe(true);
      expect(s.delivery.length, s.code).toBeGreaterThan(0);
      expect(new Set(s.delivery).size).toBe(s.delivery.length);
      expect(s.name).toMatch(/\p{Script=Han}/u);
      expect(s.nameEn).toMatch(/[A-Za-z]/);
      expect(s.materials.length, s.code).toBeGreaterThan(0);
      const m = s.materials.map((x) => x.code);
      expect(new Set(m).size, s.code).toBe(m.length);
    }
  });

  it('uses material codes that work as attachment roles and are defined once', () => {
    for (const s of SERVICES) {
      for (const m of s.materials) {
        expect(MATERIALS[m.code]).toEqual(m);
        expect(AttachmentRoleSchema.safeParse(`material:${m.code}`).success, m.code).toBe(true);
      }
    }
  });

  it('finds services by code', () => {
    expect(findService('hukou_settle_marriage')?.name).toBe('夫妻投靠入户');
    expect(findService('hukou_cancel_enlistment')?.mode).toBe('fully_online');
    expect(findService('no_such_service')).toBeUndefined();
  });
});
