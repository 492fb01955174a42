import { UNITS, type UnitRow } from '#shared/data/units';
import type { Rng } from './prng';

/**
 * Geography for the demo data: city centres (so accident GPS and tip locations fall inside the
 * city), real road names per district, and residential compounds. Districts without a road list
 * fall back to names every Henan town has.
 */
const CITY_CENTRES: Readonly<Record<string, readonly [lat: number, lng: number]>> = {
  '410100': [34.7466, 113.6254],
  '410200': [34.7971, 114.3075],
  '410300': [34.6197, 112.454],
  '410400': [33.7662, 113.1927],
  '410500': [36.0976, 114.3924],
  '410600': [35.7475, 114.2974],
  '410700': [35.303, 113.9268],
  '410800': [35.2159, 113.2418],
  '410900': [35.7618, 115.0292],
  '411000': [34.0357, 113.8523],
  '411100': [33.5815, 114.0168],
  '411200': [34.7726, 111.2003],
  '411300': [32.9907, 112.5283],
  '411400': [34.4141, 115.6564],
  '411500': [32.147, 114.0913],
  '411600': [33.6259, 114.697],
  '411700': [33.0114, 114.022],
  '419001': [35.0671, 112.602],
};

const ROADS: Readonly<Record<string, readonly string[]>> = {
  '410102': ['建设路', '中原路', '桐柏路', '伏牛路', '棉纺路', '秦岭路', '嵩山路'],
  '410103': ['大学路', '解放路', '德化街', '京广路', '航海中路', '长江路', '淮河路'],
  '410104': ['紫荆山路', '城东路', '商城路', '东大街', '南三环', '管城街'],
  '410105': ['花园路', '经三路', '农业路', '东风路', '纬五路', '丰产路', '文化路', '经八路'],
  '410108': ['天河路', '开元路', '江山路', '英才街', '长兴路', '清华园路'],
  '410202': ['中山路', '北道门', '东京大道', '西环路', '龙亭北路'],
  '410203': ['自由路', '汴京路', '夷山大街', '曹门大街'],
  '410204': ['寺后街', '书店街', '解放路', '大梁路', '鼓楼街'],
  '410302': ['中州东路', '西大街', '唐宫东路', '九都东路', '民主街'],
  '410303': ['中州中路', '道南路', '唐宫中路', '凯旋路', '纱厂路'],
  '410305': ['天津路', '南昌路', '景华路', '长安路', '中州西路', '武汉路'],
  '410311': ['开元大道', '古城路', '关林路', '龙门大道', '王城大道', '通济街'],
  '411302': ['工业路', '人民路', '新华路', '建设东路', '独山大道'],
  '411303': ['中州路', '卧龙路', '车站路', '仲景路', '七一路'],
};
const COMMON_ROADS = ['人民路', '建设路', '解放路', '中州路', '文化路', '新华路', '胜利路', '和平路'];

const COMPOUND_HEADS = ['锦绣', '阳光', '幸福', '和谐', '碧水', '绿城', '建业', '金色', '书香', '康桥', '瑞景', '东方'];
const COMPOUND_TAILS = ['小区', '花园', '家园', '苑', '新城', '华府'];
const LANDMARKS = ['与', '交叉口', '附近', '路段'];

export interface District {
  readonly code: string;
  /** Short district name, e.g. 金水区 */
  readonly name: string;
}

export interface CityGeo {
  readonly code: string;
  /** 郑州市 */
  readonly name: string;
  readonly plateLetter: string;
  readonly centre: readonly [number, number];
  readonly districts: readonly District[];
  /** Stations (8-digit units) of the city, to route items to. */
  readonly stations: readonly UnitRow[];
}

const cache = new Map<string, CityGeo>();

export function cityGeo(code: string): CityGeo {
  const hit = cache.get(code);
  if (hit) return hit;
  const city = UNITS.find((u) => u.code === code && u.level === 'city');
  const centre = CITY_CENTRES[code];
  if (!city || !city.plateLetter || !centre) throw new Error(`unknown city ${code}`);
  const name = city.name.replace(/公安局$/, '');
  const districtRows = UNITS.filter((u) => u.level === 'district' && u.parent === code);
  const districts: District[] =
    districtRows.length > 0
      ? districtRows.map((d) => ({ code: d.code, name: d.name.replace(`${city.name}`, '').replace(/分局$/, '') }))
      : [{ code, name: '' }];
  const stations = UNITS.filter((u) => u.level === 'station' && u.code.startsWith(code === '419001' ? code : code.slice(0, 4)));
  const geo: CityGeo = { code, name, plateLetter: city.plateLetter, centre, districts, stations };
  cache.set(code, geo);
  return geo;
}

export function roadsOf(districtCode: string): readonly string[] {
  return ROADS[districtCode] ?? COMMON_ROADS;
}

/** A home address like 河南省郑州市金水区花园路88号锦绣花园5号楼2单元301室. */
export function homeAddress(rng: Rng, city: CityGeo, district: District = rng.pick(city.districts)): string {
  const road = rng.pick(roadsOf(district.code));
  const compound = `${rng.pick(COMPOUND_HEADS)}${rng.pick(COMPOUND_TAILS)}`;
  return `河南省${city.name}${district.name}${road}${rng.int(1, 320)}号${compound}${rng.int(1, 28)}号楼${rng.int(1, 4)}单元${rng.int(1, 33)}0${rng.int(1, 4)}室`;
}

/** A street location like 郑州市金水区花园路与农业路交叉口, or a numbered address on one road. */
export function streetLocation(rng: Rng, city: CityGeo): { address: string; lat: number; lng: number; district: District; road: string } {
  const district = rng.pick(city.districts);
  const roads = roadsOf(district.code);
  const a = rng.pick(roads);
  let b = rng.pick(roads);
  if (b === a) b = rng.pick(COMMON_ROADS.filter((r) => r !== a));
  const tail = rng.pick(LANDMARKS);
  const address =
    tail === '与' ? `${city.name}${district.name}${a}与${b}交叉口` : tail === '交叉口' ? `${city.name}${district.name}${a}${rng.int(1, 300)}号门前` : `${city.name}${district.name}${a}${tail}`;
  return { address, ...pointIn(rng, city), district, road: a };
}

/** A point within ~6 km of the city centre, rounded to 6 decimals (about 0.1 m). */
export function pointIn(rng: Rng, city: CityGeo): { lat: number; lng: number } {
  const lat = city.centre[0] + (rng.next() - 0.5) * 0.1;
  const lng = city.centre[1] + (rng.next() - 0.5) * 0.12;
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

/** Where a named place (KTV, warehouse …) is, for tips. */
export function placeAddress(rng: Rng, city: CityGeo, place: string): string {
  const district = rng.pick(city.districts);
  return `${city.name}${district.name}${rng.pick(roadsOf(district.code))}${rng.int(1, 300)}号${place}`;
}
