import { langFromLocale, resources, t } from '../../bot/i18n';

describe('bot strings', () => {
  it('exist in English and French with the same keys and placeholders', () => {
    const en = resources('en');
    const fr = resources('fr');
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, holes(fr[key])]).toEqual([key, holes(en[key])]);
      expect(fr[key]).not.toBe(en[key]);
    }
  });

  it('fills placeholders', () => {
    expect(t('fr', 'welcome.role.admin', { tenant: 'Contoso' })).toMatch(/administrateur de Contoso/);
  });

  it('maps channel locales', () => {
    expect(langFromLocale('fr-CA')).toBe('fr');
    expect(langFromLocale('en_GB')).toBe('en');
    expect(langFromLocale('de-DE')).toBeUndefined();
    expect(langFromLocale(undefined)).toBeUndefined();
  });
});
