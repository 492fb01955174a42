import { findUnit, unitName } from '#shared/domain/units';
import type { Language } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { serviceName } from '../../app/i18n/names';
import { findService } from '#shared/data/catalogue';

/**
 * A unit's name short enough for a chart axis or a table beside its siblings: without the city
 * bureau every name below it repeats ("郑州市公安局金水区分局" → "金水区分局"; "Jinshui District
 * Branch, Zhengzhou Municipal PSB" → "Jinshui District"). A city or the province keeps its
 * whole name; the full one goes in the title.
 */
export function shortUnitName(code: string, lang: Language): string {
  const unit = findUnit(code);
  if (!unit || unit.level === 'province' || unit.level === 'city') return localUnitName(code, lang);
  if (lang === 'en') return (localUnitName(code, lang).split(', ')[0] ?? code).replace(/ Branch$/, '');
  const name = unitName(code);
  const city = unit.level === 'station' && unit.parent ? findUnit(unit.parent)?.parent : unit.parent;
  const cityName = city ? unitName(city) : '';
  return cityName && name.startsWith(cityName) && name.length > cityName.length ? name.slice(cityName.length) : name;
}

/** The rating "services" of accidents, tips and hall bookings beside the catalogue (server/domain/stats.ts CHANNEL_SERVICES). */
export const CHANNEL_CODES = ['quick_accident', 'tip_report', 'hall_appointment'] as const;

/**
 * A service's name in the UI language: the catalogue's (both languages), a channel's from the
 * locale, else the exchange's own (Chinese) name, else the code.
 */
export function serviceLabel(code: string, exchangeName: string, lang: Language, t: (key: string) => string): string {
  if (findService(code)) return serviceName(code, lang);
  if ((CHANNEL_CODES as readonly string[]).includes(code)) return t(`dashboard:services.channel.${code}`);
  return lang === 'zh-CN' && exchangeName ? exchangeName : code;
}
