import type { AccidentIntake } from '#shared/contract/api';
import type { ExclusionCode } from '#shared/domain/items';
import { CURRENT_LIABILITY_TABLE_VERSION, LIABILITY_TABLES } from '#shared/data/liability-table';
import { iso, type DemoClock } from './clock';
import { DISPUTED_STATEMENTS, EXCLUSION_NOTES, NEUTRAL_STATEMENTS, STATEMENTS } from './accidentText';
import { person } from './people';
import type { PhotoBook } from './photos';
import { streetLocation, type CityGeo } from './places';
import type { Rng } from './prng';
import { stampOf } from './photos';

/**
 * Minor accidents reported for the quick procedure (快处快赔): two parties (sometimes three),
 * Henan plates of the city, a liability situation from the current table for most cases, a few
 * cases the quick procedure excludes, and the photos the platform asks for, ~10% of cases missing
 * one required photo so "request photos" has something to do.
 */
const VEHICLE_TYPES: readonly (readonly [string, number])[] = [
  ['小型轿车', 60], ['小型普通客车', 20], ['小型越野客车', 8], ['轻型厢式货车', 5], ['轻型普通货车', 3], ['中型普通客车', 2], ['大型普通客车', 1], ['重型半挂牵引车', 1],
];
const INSURERS: readonly (readonly [string, number])[] = [
  ['人保财险', 30], ['平安产险', 25], ['太平洋产险', 15], ['国寿财险', 10], ['大地保险', 5], ['阳光产险', 5], ['中华联合财险', 4], ['太平财险', 3], ['天安财险', 3],
];
/** One-party fault situations, weighted roughly by how often they come up in quick-procedure cases. */
const FAULTS: readonly (readonly [string, number])[] = [
  ['rear_end', 35], ['lane_change', 15], ['reversing', 8], ['turn_not_yield_straight', 8], ['entering_road_not_yield', 5], ['red_light', 4],
  ['door_opening', 4], ['not_yield_right', 4], ['illegal_u_turn', 4], ['solid_line_lane_change', 4], ['rolling_back', 3], ['wrong_way', 2],
  ['right_turn_not_yield_left_turn', 2], ['roundabout_not_yield', 2], ['not_yield_priority', 2], ['improper_overtaking', 2],
  ['closed_road_or_dedicated_lane', 1], ['ignore_officer_signal', 1],
];
/** Both parties at fault (equal liability): pairs that happen together in practice. */
const BOTH_PAIRS: readonly (readonly [string, string])[] = [
  ['lane_change', 'lane_change'], ['lane_change', 'solid_line_lane_change'], ['turn_not_yield_straight', 'red_light'],
  ['illegal_u_turn', 'wrong_way'], ['not_yield_right', 'red_light'], ['improper_overtaking', 'solid_line_lane_change'],
];
const FRONT_EXCEPTIONS = ['front_stopped_no_warning', 'front_no_tail_lights_night', 'front_unmarked_overlength_load'] as const;
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const NEV_FIRST = 'ABCDEFGHJK';

export const REQUIRED_SHARED_ROLES = ['front_side', 'rear_side', 'collision'] as const;
export const REQUIRED_PARTY_ROLES = ['plate', 'driving_licence', 'vehicle_licence'] as const;

const KNOWN_CODES = new Set(LIABILITY_TABLES[CURRENT_LIABILITY_TABLE_VERSION]?.scenarios.map((s) => s.code) ?? []);
const scenarioName = new Map(LIABILITY_TABLES[CURRENT_LIABILITY_TABLE_VERSION]?.scenarios.map((s) => [s.code, s.name]) ?? []);

/** 豫A + 5 serial characters (at most two letters), or ~15% small new-energy plates with 6. */
export function henanPlate(rng: Rng, letter: string): string {
  if (rng.chance(0.15)) {
    const second = rng.chance(0.7) ? String(rng.int(0, 9)) : rng.pick([...PLATE_LETTERS]);
    return `豫${letter}${rng.pick([...NEV_FIRST])}${second}${rng.digits(4)}`;
  }
  const letters = rng.weighted([[0, 3], [1, 5], [2, 2]] as const);
  const chars = Array.from({ length: 5 }, (_, i) => (i < letters ? rng.pick([...PLATE_LETTERS]) : String(rng.int(0, 9))));
  // the letters go in front most of the time (豫A·K7730), elsewhere sometimes (豫A·73K2Q)
  if (rng.chance(0.3)) chars.reverse();
  return `豫${letter}${chars.join('')}`;
}

function fill(template: string, road: string): string {
  return template.replaceAll('{road}', road);
}

interface Plan {
  situations: string[][];
  declared: ExclusionCode[];
  statements: string[];
  flagsOff: { party: number; flag: 'inspectionValid' | 'insuranceValid' | 'licenceValid' } | null;
}

function plan(rng: Rng, parties: number, road: string, night: boolean, clear = false): Plan {
  const situations: string[][] = Array.from({ length: parties }, () => []);
  const statements: string[] = Array.from({ length: parties }, () => fill(rng.pick(NEUTRAL_STATEMENTS), road));
  const drawn = rng.weighted([['one', 70], ['both', 10], ['front_exception', 7], ['none', 8], ['disputed', 5]] as const);
  const kind = clear ? 'one' : drawn;
  const say = (party: number, code: string, side: 'fault' | 'other'): void => {
    const text = STATEMENTS[code]?.[side];
    statements[party] = fill(text || (side === 'fault' ? `我方存在${scenarioName.get(code) ?? code}的情况，发生碰撞。` : rng.pick(NEUTRAL_STATEMENTS)), road);
  };
  const declared: ExclusionCode[] = [];
  if (parties === 3) {
    // chain collision: the last vehicle ran into the middle one and pushed it into the first
    situations[2] = ['rear_end'];
    say(2, 'rear_end', 'fault');
    say(1, 'rear_end', 'other');
    statements[0] = fill('我在{road}等红灯，后面的车被追尾后又撞到了我车车尾。', road);
  } else if (kind === 'one') {
    const code = rng.weighted(FAULTS);
    const at = rng.int(0, 1);
    situations[at] = [code];
    say(at, code, 'fault');
    say(1 - at, code, 'other');
  } else if (kind === 'both') {
    const [a, b] = rng.chance(0.5) ? rng.pick(BOTH_PAIRS) : [...rng.pick(BOTH_PAIRS)].reverse();
    if (!a || !b) throw new Error('bad pair');
    situations[0] = [a];
    situations[1] = [b];
    say(0, a, 'fault');
    say(1, b, 'fault');
  } else if (kind === 'front_exception') {
    const exception = night ? 'front_no_tail_lights_night' : rng.pick(FRONT_EXCEPTIONS.filter((c) => c !== 'front_no_tail_lights_night'));
    situations[0] = [exception];
    situations[1] = ['rear_end'];
    say(0, exception, 'fault');
    say(1, 'rear_end', 'fault');
  } else if (kind === 'disputed') {
    declared.push('disputed_facts');
    statements[0] = rng.pick(DISPUTED_STATEMENTS);
    statements[1] = rng.pick(DISPUTED_STATEMENTS.filter((s) => s !== statements[0]));
  }
  // ~10% more cases the quick procedure excludes: a declared condition or a party without papers
  let flagsOff: Plan['flagsOff'] = null;
  if (rng.chance(0.1) && !clear) {
    if (rng.chance(0.6)) {
      const code = rng.pick(['casualties', 'drink_or_drug', 'public_damage'] as const);
      declared.push(code);
      const p = rng.int(0, parties - 1);
      statements[p] = `${statements[p]}${EXCLUSION_NOTES[code] ?? ''}`;
    } else {
      flagsOff = { party: rng.int(0, parties - 1), flag: rng.pick(['inspectionValid', 'insuranceValid', 'licenceValid'] as const) };
    }
  }
  for (const list of situations) {
    for (const code of list) if (!KNOWN_CODES.has(code)) throw new Error(`scenario ${code} is not in liability table ${CURRENT_LIABILITY_TABLE_VERSION}`);
  }
  return { situations, declared, statements, flagsOff };
}

/**
 * A demo case made to show one thing (server/seed/showcase.ts): reported a set time ago, with every
 * required photo unless `drop` says otherwise, and with what makes it stand out. Fields left out
 * are drawn as for any case.
 */
export interface AccidentTwist {
  /** Minutes before the demo's now the report was sent (recent, so the case is open in the queue). */
  readonly submittedMinAgo: number;
  readonly parties?: 2 | 3;
  /** A listed one-party situation and nothing that excludes the quick procedure. */
  readonly clear?: boolean;
  /** Declared at report time, with the party's words for it (EXCLUSION_NOTES). */
  readonly declare?: ExclusionCode;
  /** A required photo left out (`plate#1`). */
  readonly drop?: string;
  /** One photo of the case made odd. */
  readonly photo?: {
    readonly role: string;
    readonly takenMinBefore?: number;
    readonly gpsKm?: number;
    readonly noExif?: boolean;
    /** Instead of its own photo, this (a PhotoBook ref of another case's photo) recompressed. */
    readonly copyOf?: string;
  };
}

export function generateAccident(rng: Rng, city: CityGeo, clock: DemoClock, book: PhotoBook, twist?: AccidentTwist): AccidentIntake {
  // reported any day (accidents do not keep office hours), 07:00–21:30, within the last 10 days
  const drawnMs = clock.recent(rng, { workingOnly: false, fromMin: 7 * 60 + 20, toMin: 21 * 60 + 30, maxDaysBack: 10, minAgoMin: 2 });
  const submittedMs = twist ? clock.nowMs - twist.submittedMinAgo * 60_000 : drawnMs;
  const gapMin = rng.int(8, 40);
  const occurredMs = submittedMs - gapMin * 60_000 - rng.int(0, 59) * 1000;
  const localHour = new Date(occurredMs + 8 * 3600_000).getUTCHours();
  const night = localHour >= 18 || localHour < 6;
  const where = streetLocation(rng, city);
  const drawnParties = rng.chance(0.1) ? 3 : 2;
  const partyCount = twist?.parties ?? (twist?.clear ? 2 : drawnParties);
  const p = plan(rng, partyCount, where.road, night, twist?.clear ?? false);
  if (twist?.declare) {
    p.declared.push(twist.declare);
    p.statements[0] = `${p.statements[0] ?? ''}${EXCLUSION_NOTES[twist.declare] ?? ''}`;
  }
  const refYear = new Date(clock.nowMs).getUTCFullYear();

  const parties: AccidentIntake['parties'] = [];
  for (let i = 0; i < partyCount; i++) {
    const who = person(rng, city, refYear, 20, 68);
    parties.push({
      name: who.name,
      idNumber: who.idNumber,
      phone: who.phone,
      plate: henanPlate(rng, city.plateLetter),
      vehicleType: rng.weighted(VEHICLE_TYPES),
      insurer: rng.weighted(INSURERS),
      hasPlate: true,
      inspectionValid: !(p.flagsOff?.party === i && p.flagsOff.flag === 'inspectionValid'),
      insuranceValid: !(p.flagsOff?.party === i && p.flagsOff.flag === 'insuranceValid'),
      licenceValid: !(p.flagsOff?.party === i && p.flagsOff.flag === 'licenceValid'),
      statement: p.statements[i] ?? '',
      situations: p.situations[i] ?? [],
    });
  }

  // photos: taken a minute or more after the crash and before the report was sent
  const wanted: { role: string; partyIdx: number | null }[] = [
    ...REQUIRED_SHARED_ROLES.map((role) => ({ role, partyIdx: null })),
    ...parties.flatMap((_, i) => REQUIRED_PARTY_ROLES.map((role) => ({ role, partyIdx: i }))),
  ];
  if (rng.chance(0.1)) {
    const at = rng.int(0, wanted.length - 1);
    if (!twist) wanted.splice(at, 1);
  }
  if (twist?.drop) {
    const [role, idx] = twist.drop.split('#');
    const at = wanted.findIndex((w) => w.role === role && (idx === undefined ? w.partyIdx === null : w.partyIdx === Number(idx)));
    if (at >= 0) wanted.splice(at, 1);
  }
  if (rng.chance(0.2) || twist?.photo?.role === 'scene') wanted.push({ role: 'scene', partyIdx: null });
  const faultIdx = Math.max(0, p.situations.findIndex((s) => s.length > 0 && !s[0]?.startsWith('front_')));
  const variant = rng.int(0, 1000);
  const odd = twist?.photo;
  const oddAt = odd ? wanted.findIndex((w) => w.role === odd.role) : -1;
  const photos = wanted.map(({ role, partyIdx }, k) => {
    let takenMs = occurredMs + (1 + Math.floor(((gapMin - 2) * (k + 1)) / (wanted.length + 1))) * 60_000 + rng.int(0, 59) * 1000;
    const party = partyIdx === null ? null : parties[partyIdx];
    const plates = partyIdx === null ? (role === 'collision' ? [parties[faultIdx]?.plate ?? ''] : parties.map((x) => x.plate)) : [party?.plate ?? ''];
    const gps = { lat: round6(where.lat + (rng.next() - 0.5) * 0.0003), lng: round6(where.lng + (rng.next() - 0.5) * 0.0003) };
    const isOdd = odd !== undefined && k === oddAt;
    if (isOdd && odd.copyOf) return { sha256: book.copy(odd.copyOf, 60), role, partyIdx };
    if (isOdd && odd.takenMinBefore) takenMs = occurredMs - odd.takenMinBefore * 60_000;
    // ~1 km of latitude is 1/111.2 of a degree
    if (isOdd && odd.gpsKm) gps.lat = round6(gps.lat + odd.gpsKm / 111.2);
    const sha = book.photo(role, variant + k, () => ({
      plates: plates.map(dotted),
      stamp: stampOf(iso(takenMs)),
      holder: party?.name,
      vehicleType: party?.vehicleType,
      takenAt: iso(takenMs),
      gps,
      exif: !(isOdd && odd.noExif),
    }));
    return { sha256: sha, role, partyIdx };
  });

  return {
    unitCode: where.district.code,
    occurredAt: iso(occurredMs),
    location: { address: where.address, lat: where.lat, lng: where.lng },
    parties,
    declared: p.declared,
    photos,
    submittedAt: iso(submittedMs),
  };
}

function dotted(plate: string): string {
  return plate.length > 2 ? `${plate.slice(0, 2)}·${plate.slice(2)}` : plate;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
