import { findUnit, unitName } from '#shared/domain/units';
import type { Language } from './index';

/**
 * English unit names. shared/data/units.ts carries Chinese names only, so the renderer keeps the
 * romanised place names here, keyed by GB/T 2260 code (cities and the districts listed there),
 * and builds the bureau's name from its level: 410100 → "Zhengzhou Municipal PSB", 410105 →
 * "Jinshui District Branch, Zhengzhou Municipal PSB". A station, or a code missing here, falls
 * back to its parent's English name with the code, never to an empty string.
 * When you add a unit to shared/data/units.ts, add its place name here.
 */
const CITY: Readonly<Record<string, string>> = {
  '410100': 'Zhengzhou',
  '410200': 'Kaifeng',
  '410300': 'Luoyang',
  '410400': 'Pingdingshan',
  '410500': 'Anyang',
  '410600': 'Hebi',
  '410700': 'Xinxiang',
  '410800': 'Jiaozuo',
  '410900': 'Puyang',
  '411000': 'Xuchang',
  '411100': 'Luohe',
  '411200': 'Sanmenxia',
  '411300': 'Nanyang',
  '411400': 'Shangqiu',
  '411500': 'Xinyang',
  '411600': 'Zhoukou',
  '411700': 'Zhumadian',
  '419001': 'Jiyuan',
};

const DISTRICT: Readonly<Record<string, string>> = {
  '410102': 'Zhongyuan District',
  '410103': 'Erqi District',
  '410104': 'Guancheng Hui District',
  '410105': 'Jinshui District',
  '410108': 'Huiji District',
  '410202': 'Longting District',
  '410203': 'Shunhe Hui District',
  '410204': 'Gulou District',
  '410302': 'Laocheng District',
  '410303': 'Xigong District',
  '410305': 'Jianxi District',
  '410311': 'Luolong District',
  '410402': 'Xinhua District',
  '410403': 'Weidong District',
  '410502': 'Wenfeng District',
  '410503': 'Beiguan District',
  '410602': 'Heshan District',
  '410611': 'Qibin District',
  '410702': 'Hongqi District',
  '410703': 'Weibin District',
  '410802': 'Jiefang District',
  '410811': 'Shanyang District',
  '410902': 'Hualong District',
  '410922': 'Qingfeng County',
  '411002': 'Weidu District',
  '411003': "Jian'an District",
  '411102': 'Yuanhui District',
  '411103': 'Yancheng District',
  '411202': 'Hubin District',
  '411203': 'Shanzhou District',
  '411302': 'Wancheng District',
  '411303': 'Wolong District',
  '411402': 'Liangyuan District',
  '411403': 'Suiyang District',
  '411502': 'Shihe District',
  '411503': 'Pingqiao District',
  '411602': 'Chuanhui District',
  '411603': 'Huaiyang District',
  '411702': 'Yicheng District',
  '411721': 'Xiping County',
};

const PROVINCE = 'Henan Provincial Public Security Department';

const DIVISION: Readonly<Record<string, string>> = {
  criminal: 'Criminal Investigation Division',
  economic: 'Economic Crime Division',
  public_order: 'Public Order Division',
  traffic: 'Traffic Police Division',
  fire: 'Fire and Rescue Division',
  anti_fraud: 'Anti-Fraud Centre',
};

function englishUnitName(code: string): string {
  const unit = findUnit(code);
  if (!unit) return `Unit ${code}`;
  if (unit.level === 'province') return PROVINCE;
  if (unit.level === 'city') return CITY[code] ? `${CITY[code]} Municipal PSB` : `Municipal PSB ${code}`;
  if (unit.level === 'district') {
    const city = unit.parent ? englishUnitName(unit.parent) : PROVINCE;
    return DISTRICT[code] ? `${DISTRICT[code]} Branch, ${city}` : `Branch ${code}, ${city}`;
  }
  if (unit.level === 'division' && unit.division) return `${DIVISION[unit.division]}, ${unit.parent ? englishUnitName(unit.parent) : PROVINCE}`;
  return `Station ${code}, ${unit.parent ? englishUnitName(unit.parent) : PROVINCE}`;
}

/** The unit's name in the UI language: the shared Chinese name, or the English one built here. */
export function localUnitName(code: string, lang: Language): string {
  return lang === 'en' ? englishUnitName(code) : unitName(code);
}
