import { describe, expect, it } from 'vitest';
import { DEMO_OFFICERS, DEMO_PASSWORD } from '../../../../../server/officers';
import { auth } from '../../../../../renderer/features/auth/locale';

describe('the login screen’s demo hint', () => {
  it('names every demo badge and the password, in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const hint = auth[lang].demoHint;
      for (const o of DEMO_OFFICERS) expect(hint, `${lang} ${o.badge}`).toContain(o.badge);
      expect(hint).toContain(DEMO_PASSWORD);
    }
  });
});
