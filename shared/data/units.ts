/**
 * The Henan unit tree as data: the provincial department, its 18 cities (with their plate letter),
 * a few districts per city and a few police stations per district. Codes follow the GB/T 2260
 * region codes; stations append two digits to their district's code.
 *
 * Jurisdiction is by code prefix (see shared/domain/units.ts `covers`), so when you add a unit,
 * give it a code under its parent's prefix.
 */
export interface UnitRow {
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'city' | 'district' | 'station' | 'division';
  readonly parent: string | null;
  /** What a city's specialised division (支队) handles; divisions only. */
  readonly division?: DivisionKind;
  /** Plate prefix letter of a city (豫A …); cities only. */
  readonly plateLetter?: string;
}

const CITIES: ReadonlyArray<readonly [code: string, name: string, plate: string, districts: ReadonlyArray<readonly [string, string]>]> = [
  ['410100', '郑州市', 'A', [['410102', '中原区'], ['410103', '二七区'], ['410104', '管城回族区'], ['410105', '金水区'], ['410108', '惠济区']]],
  ['410200', '开封市', 'B', [['410202', '龙亭区'], ['410203', '顺河回族区'], ['410204', '鼓楼区']]],
  ['410300', '洛阳市', 'C', [['410302', '老城区'], ['410303', '西工区'], ['410305', '涧西区'], ['410311', '洛龙区']]],
  ['410400', '平顶山市', 'D', [['410402', '新华区'], ['410403', '卫东区']]],
  ['410500', '安阳市', 'E', [['410502', '文峰区'], ['410503', '北关区']]],
  ['410600', '鹤壁市', 'F', [['410602', '鹤山区'], ['410611', '淇滨区']]],
  ['410700', '新乡市', 'G', [['410702', '红旗区'], ['410703', '卫滨区']]],
  ['410800', '焦作市', 'H', [['410802', '解放区'], ['410811', '山阳区']]],
  ['410900', '濮阳市', 'J', [['410902', '华龙区'], ['410922', '清丰县']]],
  ['411000', '许昌市', 'K', [['411002', '魏都区'], ['411003', '建安区']]],
  ['411100', '漯河市', 'L', [['411102', '源汇区'], ['411103', '郾城区']]],
  ['411200', '三门峡市', 'M', [['411202', '湖滨区'], ['411203', '陕州区']]],
  ['411300', '南阳市', 'R', [['411302', '宛城区'], ['411303', '卧龙区']]],
  ['411400', '商丘市', 'N', [['411402', '梁园区'], ['411403', '睢阳区']]],
  ['411500', '信阳市', 'S', [['411502', '浉河区'], ['411503', '平桥区']]],
  ['411600', '周口市', 'P', [['411602', '川汇区'], ['411603', '淮阳区']]],
  ['411700', '驻马店市', 'Q', [['411702', '驿城区'], ['411721', '西平县']]],
  ['419001', '济源市', 'U', []],
];

/**
 * The specialised divisions (支队/中心) of every city bureau, where tips are routed beside the
 * stations: code = the city's code + two digits (9x never collides with a station, which hangs
 * under a district code; Jiyuan's stations use 01, 02).
 */
export type DivisionKind = 'criminal' | 'economic' | 'public_order' | 'traffic' | 'fire' | 'anti_fraud';
export const DIVISIONS: readonly { readonly kind: DivisionKind; readonly suffix: string; readonly name: string }[] = [
  { kind: 'criminal', suffix: '91', name: '刑事侦查支队' },
  { kind: 'economic', suffix: '92', name: '经济犯罪侦查支队' },
  { kind: 'public_order', suffix: '93', name: '治安管理支队' },
  { kind: 'traffic', suffix: '94', name: '交通警察支队' },
  { kind: 'fire', suffix: '95', name: '消防救援支队' },
  { kind: 'anti_fraud', suffix: '96', name: '反电信网络诈骗中心' },
];

/** Named stations where we know them; other districts get a town-centre station and a traffic brigade. */
const NAMED_STATIONS: Readonly<Record<string, readonly string[]>> = {
  '410105': ['经八路派出所', '花园路派出所', '丰产路派出所'],
  '410103': ['大学路派出所', '德化街派出所'],
  '410102': ['林山寨派出所', '建设路派出所'],
  '410305': ['天津路派出所', '南昌路派出所'],
  '410311': ['开元派出所', '关林派出所'],
};

function buildUnits(): UnitRow[] {
  const rows: UnitRow[] = [{ code: '410000', name: '河南省公安厅', level: 'province', parent: null }];
  for (const [code, name, plate, districts] of CITIES) {
    rows.push({ code, name: `${name}公安局`, level: 'city', parent: '410000', plateLetter: plate });
    for (const d of DIVISIONS) rows.push({ code: `${code}${d.suffix}`, name: `${name}公安局${d.name}`, level: 'division', parent: code, division: d.kind });
    const stationParents: ReadonlyArray<readonly [string, string]> = districts.length > 0 ? districts : [[code, name]];
    for (const [dCode, dName] of districts) {
      rows.push({ code: dCode, name: `${name}公安局${dName}分局`, level: 'district', parent: code });
    }
    for (const [dCode, dName] of stationParents) {
      const names = NAMED_STATIONS[dCode] ?? [`${dName.replace(/[区县市]$/, '')}城关派出所`, `${dName}交警大队`];
      names.forEach((stationName, i) => {
        rows.push({ code: `${dCode}${String(i + 1).padStart(2, '0')}`, name: stationName, level: 'station', parent: dCode });
      });
    }
  }
  return rows;
}

export const UNITS: readonly UnitRow[] = buildUnits();
