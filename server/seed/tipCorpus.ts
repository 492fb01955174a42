import type { TipIntake } from '#shared/contract/api';
import type { TipCategory } from '#shared/domain/items';
import { formatPlate } from '#shared/rules/plates';
import { henanPlate } from './accidents';
import { iso } from './clock';
import { mobile } from './people';
import { roadsOf, type CityGeo, type District } from './places';
import { hashString, Rng } from './prng';
import { BRAND_HEADS, BRAND_TAILS, CLOSERS, COMPOUND_HEADS, COMPOUND_TAILS, MATTER_TEXTS, OPENERS, TIP_CATEGORY_WEIGHTS, VENUE_TEXTS, WHEN, type MatterText } from './tipText';

/**
 * A generator of tips about incidents: one incident (a matter at a place, with its scammer's
 * number or its vehicle's plate) may be reported by several citizens, each writing it from another
 * frame (tipText.ts), spelling the place their own way (with or without the city and district,
 * 88号 or 88号院, the venue's name with 歌厅 for KTV, a junction's roads either way round) and
 * adding their own words. The demo seed (tips.ts) writes its duplicates with it, and
 * `labelledTips` makes the labelled set that measures the duplicate rule
 * (shared/rules/tipDuplicates.ts): paraphrase groups plus hard negatives — another matter at the
 * same venue, the same matter at another venue of the same road, the same frame at another place,
 * the same fraud script from another scammer's number.
 *
 * Places are consistent: a road is a straight line through the city (from its name's hash) with
 * house numbers 8 m apart, so 86号 and 88号 are neighbours and 88号 and 260号 are not, and a
 * report's GPS point is the place's within 30 m. A venue's or compound's name is one place in the
 * city (a registry per corpus); only when a kind's names run out does a new incident happen at a
 * venue that already has one (another matter there, or the same again: then they are one).
 */
export interface Place {
  readonly district: District;
  readonly road: string;
  readonly number: number;
  /** A junction's other road. */
  readonly cross: string | null;
  readonly venue: { readonly kind: string; readonly brand: string } | null;
  readonly compound: { readonly name: string; readonly building: number } | null;
  readonly lat: number;
  readonly lng: number;
}

export interface Incident {
  readonly id: number;
  readonly matter: MatterText;
  readonly place: Place | null;
  readonly phone: string | null;
  readonly account: string | null;
  readonly plate: string | null;
  /** Frames no report of it used yet, so each report is written from another. */
  readonly unused: number[];
}

export interface TipReport {
  readonly unitCode: string;
  readonly category: TipCategory;
  readonly content: string;
  readonly location: TipIntake['location'];
  readonly matter: MatterText;
}

/** Scam calls often show a landline of a far-away city. */
const SCAM_AREA_CODES = ['0371', '020', '021', '0755', '0898', '0592', '0871'];
const HOUSE_SPACING_M = 8;
const JITTER_M = 30;
const M_PER_DEG = 111_320;

const ROAD_NAME = /(路|街|大道)$/;

export class TipCorpus {
  private nextId = 1;
  /** Named places by kind (a venue kind, or `compound`), in the order their names were given. */
  private readonly named = new Map<string, Place[]>();
  private readonly names = new Map<string, string[]>();

  constructor(readonly city: CityGeo) {}

  /** A new incident: of `matter`, else of `category`, else of the usual mix; at `place` when given. */
  incident(rng: Rng, opts: { matter?: MatterText; category?: TipCategory; place?: Place | null } = {}): Incident {
    const category = opts.matter?.category ?? opts.category ?? rng.weighted(TIP_CATEGORY_WEIGHTS);
    const matter = opts.matter ?? rng.pick(MATTER_TEXTS.filter((m) => m.category === category));
    const place = opts.place !== undefined ? opts.place : this.place(rng, matter);
    const ids = matter.ids ?? [];
    return {
      id: this.nextId++,
      matter,
      place,
      phone: ids.includes('phone') ? scamPhone(rng) : null,
      account: ids.includes('account') ? `62${rng.digits(rng.int(14, 17))}` : null,
      plate: ids.includes('plate') ? henanPlate(rng, this.city.plateLetter) : null,
      unused: shuffled(rng, matter.frames.map((_, i) => i)),
    };
  }

  /** One citizen's report of `incident`, from an unused frame (or `frame`). */
  report(rng: Rng, incident: Incident, frame?: number): TipReport {
    const f = frame ?? incident.unused.shift() ?? rng.int(0, incident.matter.frames.length - 1);
    const { matter, place } = incident;
    let text = pickAlternatives(rng, matter.frames[f]!)
      .replaceAll('{at}', place ? this.spell(rng, place) : '')
      .replaceAll('{when}', rng.pick(WHEN))
      .replaceAll('{phone}', incident.phone ? writePhone(rng, incident.phone) : '')
      .replaceAll('{account}', incident.account ? writeAccount(rng, incident.account) : '')
      .replaceAll('{plate}', incident.plate ? (rng.chance(0.5) ? formatPlate(incident.plate) : incident.plate) : '');
    if (rng.chance(0.2)) text = rng.pick(OPENERS) + text;
    if (rng.chance(0.3)) text += rng.pick(CLOSERS);
    return { unitCode: place ? place.district.code : this.city.code, category: matter.category, content: text, location: place ? this.location(rng, place) : null, matter };
  }

  // ---- hard negatives: new incidents that look like `of` ----------------------------------------

  /** Another matter at the same place (a KTV reported for drugs, then for its locked fire exit). */
  otherMatterSamePlace(rng: Rng, of: Incident): Incident | null {
    const p = of.place;
    if (!p) return null;
    const fits = MATTER_TEXTS.filter((m) => m.id !== of.matter.id && m.where === of.matter.where && (!p.venue || (m.venues ?? []).includes(p.venue.kind)));
    return fits.length > 0 ? this.incident(rng, { matter: rng.pick(fits), place: p }) : null;
  }

  /** The same matter at another venue of the same road, far enough not to be its neighbour. */
  sameRoadOtherVenue(rng: Rng, of: Incident): Incident | null {
    const p = of.place;
    if (!p?.venue) return null;
    const brand = this.freshName(rng, p.venue.kind);
    if (!brand) return null;
    const number = p.number > 150 ? p.number - rng.int(60, 140) : p.number + rng.int(60, 200);
    return this.incident(rng, { matter: of.matter, place: this.register(p.venue.kind, this.at(p.district, p.road, number, null, { kind: p.venue.kind, brand }, null)) });
  }

  /** The same matter somewhere else; report it with the same frame to test a shared template. */
  samePlaceElsewhere(rng: Rng, of: Incident): Incident {
    return this.incident(rng, { matter: of.matter });
  }

  // ---- places ---------------------------------------------------------------------------------

  place(rng: Rng, matter: MatterText): Place | null {
    if (matter.where === 'none') return null;
    const district = rng.pick(this.city.districts);
    const roads = roadsOf(district.code).filter((r) => ROAD_NAME.test(r));
    const road = rng.pick(roads);
    const number = rng.int(1, 320);
    if (matter.where === 'venue') {
      const kind = rng.pick(matter.venues ?? ['KTV']);
      const brand = this.freshName(rng, kind);
      return brand ? this.register(kind, this.at(district, road, number, null, { kind, brand }, null)) : rng.pick(this.named.get(kind)!);
    }
    if (matter.where === 'compound') {
      const name = this.freshName(rng, 'compound');
      // a compound has many buildings: a known compound may get an incident in another one
      if (!name) return { ...rng.pick(this.named.get('compound')!), compound: { name: rng.pick(this.named.get('compound')!).compound!.name, building: rng.int(1, 28) } };
      return this.register('compound', this.at(district, road, number, null, null, { name, building: rng.int(1, 28) }));
    }
    if (matter.where === 'junction') {
      const others = roads.filter((r) => r !== road);
      return this.at(district, road, number, others.length > 0 ? rng.pick(others) : null, null, null);
    }
    return this.at(district, road, number, null, null, null);
  }

  /** A name of `kind` no place of this corpus has yet; null when they ran out. */
  private freshName(rng: Rng, kind: string): string | null {
    let left = this.names.get(kind);
    if (!left) {
      const own = kind === 'compound' ? COMPOUND_HEADS.flatMap((h) => COMPOUND_TAILS.map((t) => h + t)) : [...VENUE_TEXTS[kind]!.brands];
      const more = kind === 'compound' ? [] : shuffled(new Rng(hashString(`${this.city.code}/${kind}`)), BRAND_HEADS.flatMap((h) => BRAND_TAILS.map((t) => h + t)));
      left = [...shuffled(new Rng(hashString(`${this.city.code}/${kind}/own`)), own), ...more.filter((b) => !own.includes(b))];
      this.names.set(kind, left);
    }
    // mostly the kind's own names first, so the demo reads naturally
    return left.length === 0 ? null : left.splice(rng.chance(0.8) ? 0 : rng.int(0, left.length - 1), 1)[0]!;
  }

  private register(kind: string, place: Place): Place {
    const list = this.named.get(kind) ?? [];
    list.push(place);
    this.named.set(kind, list);
    return place;
  }

  private at(district: District, road: string, number: number, cross: string | null, venue: Place['venue'], compound: Place['compound']): Place {
    const p = roadPoint(this.city, district, road, number);
    return { district, road, number, cross, venue, compound, ...p };
  }

  /** The place as the map picker gives it: city, district, road, number and the venue's usual name. */
  address(p: Place): string {
    const head = `${this.city.name}${p.district.name}`;
    if (p.cross) return `${head}${p.road}与${p.cross}交叉口`;
    if (p.venue) return `${head}${p.road}${p.number}号${p.venue.brand}${VENUE_TEXTS[p.venue.kind]!.words[0]}`;
    if (p.compound) return `${head}${p.road}${p.number}号${p.compound.name}`;
    return `${head}${p.road}${p.number}号`;
  }

  /** The place as one reporter writes it in the text. */
  spell(rng: Rng, p: Place): string {
    const city = this.city.name;
    const d = p.district.name;
    const no = `${p.number}号${rng.chance(0.25) ? '院' : ''}`;
    if (p.cross) {
      const [a, b] = rng.chance(0.5) ? [p.road, p.cross] : [p.cross, p.road];
      return rng.pick([`${a}与${b}交叉口`, `${d}${a}和${b}交叉口`, `${a}${b}路口`, `${city}${d}${a}与${b}十字路口`]);
    }
    if (p.venue) {
      const v = `${p.venue.brand}${rng.pick(VENUE_TEXTS[p.venue.kind]!.words)}`;
      // some name no venue at all: 花园路上那家KTV
      const vague = `${p.road}上那家${rng.pick(VENUE_TEXTS[p.venue.kind]!.words)}`;
      return rng.pick([`${city}${d}${p.road}${no}${v}`, `${d}${p.road}${no}${v}`, `${p.road}${no}${v}`, `${v}（${p.road}${p.number}号）`, `${p.road}上的${v}`, `${d}的${v}`, v, vague]);
    }
    if (p.compound) {
      const c = p.compound;
      const building = `${c.building}号楼`;
      return rng.pick([`${p.road}${p.number}号${c.name}${building}`, `${c.name}${building}`, `${d}${c.name}${building}`, `${city}${d}${p.road}${no}${c.name}`, `${p.road}${no}${building}`]);
    }
    return rng.pick([`${p.road}${p.number}号门前`, `${d}${p.road}${p.number}号附近`, `${city}${d}${p.road}${p.number}号`, `${p.road}靠近${p.number}号的路段`]);
  }

  /**
   * Most reporters drop a pin (address and GPS); some give the address only, some nothing. A pin
   * dropped beside the place gets the map's nearest address: a house number or two off, no venue.
   */
  private location(rng: Rng, p: Place): TipIntake['location'] {
    const roll = rng.next();
    if (roll < 0.25) return null;
    const beside = !p.cross && rng.chance(0.2);
    const address = beside ? `${this.city.name}${p.district.name}${p.road}${Math.max(1, p.number + rng.int(-2, 2) * 2)}号` : this.address(p);
    if (roll < 0.4) return { address, lat: null, lng: null };
    const m = () => (rng.next() - 0.5) * 2 * JITTER_M;
    return { address, lat: round6(p.lat + m() / M_PER_DEG), lng: round6(p.lng + m() / (M_PER_DEG * Math.cos((p.lat * Math.PI) / 180))) };
  }
}

/** A road as a straight line: its start within ~4 km of the centre and its heading from the name's hash. */
function roadPoint(city: CityGeo, district: District, road: string, number: number): { lat: number; lng: number } {
  const r = new Rng(hashString(`${city.code}/${district.code}/${road}`));
  const startLat = city.centre[0] + (r.next() - 0.5) * 0.07;
  const startLng = city.centre[1] + (r.next() - 0.5) * 0.08;
  const heading = r.next() * Math.PI;
  const along = number * HOUSE_SPACING_M;
  const lat = startLat + (along * Math.cos(heading)) / M_PER_DEG;
  const lng = startLng + (along * Math.sin(heading)) / (M_PER_DEG * Math.cos((startLat * Math.PI) / 180));
  return { lat: round6(lat), lng: round6(lng) };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function scamPhone(rng: Rng): string {
  return rng.chance(0.5) ? mobile(rng) : `${rng.pick(SCAM_AREA_CODES)}-${rng.int(2, 8)}${rng.digits(7)}`;
}

/** A number as people type it: as shown, or a mobile in groups (138 1234 5678). */
function writePhone(rng: Rng, phone: string): string {
  if (phone.startsWith('1') && rng.chance(0.25)) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return phone;
}

function writeAccount(rng: Rng, account: string): string {
  return rng.chance(0.4) ? account.replace(/(\d{4})(?=\d)/g, '$1 ') : account;
}

function pickAlternatives(rng: Rng, frame: string): string {
  return frame.replace(/\[([^\]]+)\]/g, (_, alts: string) => rng.pick(alts.split('|')));
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---- the labelled set -----------------------------------------------------------------------------

export type LabelledRole = 'first' | 'paraphrase' | 'other_matter_same_place' | 'same_road_other_venue' | 'same_frame_other_place' | 'other_scammer';

export interface LabelledTip {
  readonly report: TipReport;
  readonly submittedAt: string;
  /** Tips of one incident are duplicates of each other; of different incidents, not. */
  readonly incident: number;
  readonly role: LabelledRole;
}

export interface LabelledOptions {
  readonly seed: number;
  readonly city: CityGeo;
  /** Incidents reported (hard negatives come on top). */
  readonly incidents: number;
  /** The newest report is before this instant. */
  readonly endMs: number;
  /** Reports fall in this many days before `endMs`. */
  readonly spanDays: number;
}

const HOUR_MS = 3_600_000;
/** Reports per incident: most are reported once, some by two to four citizens. */
const GROUP_SIZES: readonly (readonly [number, number])[] = [[1, 35], [2, 35], [3, 20], [4, 10]];
const HARD_NEGATIVE_SHARE = 0.4;

/**
 * The labelled set, oldest first: `incidents` incidents with 1–4 reports each (later reports within
 * three days of the first), and for 40% of them a hard negative reported near the same time.
 */
export function labelledTips(opts: LabelledOptions): LabelledTip[] {
  const rng = new Rng(hashString(`tip-corpus/${opts.city.code}`) ^ opts.seed);
  const corpus = new TipCorpus(opts.city);
  const out: LabelledTip[] = [];
  const spanMs = opts.spanDays * 24 * HOUR_MS;
  const startMs = opts.endMs - spanMs;
  const at = (ms: number) => iso(Math.min(opts.endMs - 60_000, Math.floor(ms / 1000) * 1000));
  for (let n = 0; n < opts.incidents; n++) {
    const inc = corpus.incident(rng);
    let t = startMs + rng.next() * (spanMs - 4 * 24 * HOUR_MS);
    const size = inc.matter.reportedOnce ? 1 : rng.weighted(GROUP_SIZES);
    const firstFrame = inc.unused[0]!;
    for (let k = 0; k < size; k++) {
      out.push({ report: corpus.report(rng, inc), submittedAt: at(t), incident: inc.id, role: k === 0 ? 'first' : 'paraphrase' });
      t += rng.int(20, 72 * 60) * 60_000;
    }
    if (!rng.chance(HARD_NEGATIVE_SHARE)) continue;
    const negative = hardNegative(rng, corpus, inc);
    if (!negative) continue;
    const when = startMs + rng.next() * (spanMs - 60_000);
    const frame = negative.role === 'same_frame_other_place' || negative.role === 'other_scammer' ? firstFrame : undefined;
    out.push({ report: corpus.report(rng, negative.incident, frame), submittedAt: at(when), incident: negative.incident.id, role: negative.role });
  }
  return out.sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0));
}

function hardNegative(rng: Rng, corpus: TipCorpus, inc: Incident): { incident: Incident; role: LabelledRole } | null {
  if (!inc.place) return { incident: corpus.samePlaceElsewhere(rng, inc), role: 'other_scammer' };
  const roll = rng.next();
  const other = roll < 0.45 ? corpus.otherMatterSamePlace(rng, inc) : null;
  if (other) return { incident: other, role: 'other_matter_same_place' };
  const road = roll < 0.75 ? corpus.sameRoadOtherVenue(rng, inc) : null;
  if (road) return { incident: road, role: 'same_road_other_venue' };
  return { incident: corpus.samePlaceElsewhere(rng, inc), role: 'same_frame_other_place' };
}

/** The duplicate pairs of a labelled set: every later report with every earlier one of its incident. */
export function duplicatePairs(tips: readonly LabelledTip[]): number {
  const per = new Map<number, number>();
  for (const t of tips) per.set(t.incident, (per.get(t.incident) ?? 0) + 1);
  let pairs = 0;
  for (const n of per.values()) pairs += (n * (n - 1)) / 2;
  return pairs;
}

export interface DuplicateFigures {
  readonly tips: number;
  /** Duplicate pairs in the set (every pair of reports of one incident). */
  readonly pairs: number;
  /** Pairs proposed (a candidate naming another tip of the set). */
  readonly proposed: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  /** Wrong proposals by the role of the tip that should not have been named or proposed it. */
  readonly wrongByRole: Readonly<Record<string, number>>;
}

/**
 * Precision and recall of proposed candidates over a labelled set: `candidates(i)` lists the
 * indices (into `tips`) the i-th tip names. A pair counts once, whichever tip names the other.
 */
export function measureCandidates(tips: readonly LabelledTip[], candidates: (i: number) => readonly number[]): DuplicateFigures {
  const pairs = duplicatePairs(tips);
  const seen = new Set<string>();
  let correct = 0;
  const wrongByRole: Record<string, number> = {};
  tips.forEach((t, i) => {
    for (const j of candidates(i)) {
      const key = i < j ? `${i}/${j}` : `${j}/${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const o = tips[j]!;
      if (o.incident === t.incident) correct++;
      else {
        const role = t.role === 'first' || t.role === 'paraphrase' ? o.role : t.role;
        wrongByRole[role] = (wrongByRole[role] ?? 0) + 1;
      }
    }
  });
  const proposed = seen.size;
  return { tips: tips.length, pairs, proposed, correct, precision: proposed === 0 ? 1 : correct / proposed, recall: pairs === 0 ? 1 : correct / pairs, wrongByRole };
}
