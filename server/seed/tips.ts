import type { TipIntake } from '#shared/contract/api';
import type { TipCategory } from '#shared/domain/items';
import { iso, type DemoClock } from './clock';
import { henanPlate } from './accidents';
import { mobile, person } from './people';
import { stampOf, type PhotoBook } from './photos';
import { pointIn, roadsOf, type CityGeo } from './places';
import type { Rng } from './prng';
import { TIP_CATEGORY_WEIGHTS, TIP_TEMPLATES } from './tipText';

/**
 * Tips (线索举报): every category, about 40% anonymous, most with a place, some with an evidence
 * photo, and a few near-duplicates of an earlier tip (same text and address, another reporter)
 * so the officer has something to link.
 */
const ANONYMOUS_SHARE = 0.4;
const DUPLICATE_SHARE = 0.07;

/** Scam calls often show a landline of a far-away city. */
const SCAM_AREA_CODES = ['0371', '020', '021', '0755', '0898', '0592', '0871'];

const CATEGORY_CAPTION: Readonly<Record<TipCategory, string>> = {
  vice: '黄赌毒线索',
  fire: '火灾隐患',
  fraud: '电信诈骗',
  traffic: '交通违法',
  gang: '涉黑恶线索',
  other: '其他线索',
};

export class TipGenerator {
  private readonly earlier: TipIntake[] = [];

  constructor(
    private readonly city: CityGeo,
    private readonly clock: DemoClock,
    private readonly book: PhotoBook,
  ) {}

  next(rng: Rng, forceCategory?: TipCategory): TipIntake {
    const submittedMs = this.clock.recent(rng, { workingOnly: false, fromMin: 6 * 60, toMin: 23 * 60 + 50, maxDaysBack: 20, minAgoMin: 1 });
    const reporter = this.reporter(rng);
    const prior = this.earlier.length > 0 && !forceCategory && rng.chance(DUPLICATE_SHARE) ? rng.pick(this.earlier) : null;
    const tip = prior ? this.duplicateOf(rng, prior, submittedMs, reporter) : this.fresh(rng, submittedMs, reporter, forceCategory);
    this.earlier.push(tip);
    return tip;
  }

  private reporter(rng: Rng): TipIntake['reporter'] {
    if (rng.chance(ANONYMOUS_SHARE)) return { anonymous: true, name: null, phone: null, idNumber: null };
    const who = person(rng, this.city, new Date(this.clock.nowMs).getUTCFullYear());
    return { anonymous: false, name: who.name, phone: who.phone, idNumber: rng.chance(0.7) ? who.idNumber : null };
  }

  private fresh(rng: Rng, submittedMs: number, reporter: TipIntake['reporter'], forceCategory?: TipCategory): TipIntake {
    const category = forceCategory ?? rng.weighted(TIP_CATEGORY_WEIGHTS);
    const template = rng.pick(TIP_TEMPLATES[category]);
    const district = rng.pick(this.city.districts);
    const road = rng.pick(roadsOf(district.code));
    const spot = template.road ? template.place : `${rng.int(1, 300)}号${template.place}`;
    const address = template.place ? `${this.city.name}${district.name}${road}${spot}` : `${this.city.name}${district.name}`;
    const content = template.text
      .replaceAll('{addr}', address)
      .replaceAll('{plate}', henanPlate(rng, this.city.plateLetter))
      .replaceAll('{phone}', rng.chance(0.5) ? mobile(rng) : `${rng.pick(SCAM_AREA_CODES)}-${rng.int(2, 8)}${rng.digits(7)}`);
    let location: TipIntake['location'] = null;
    if (template.place) {
      const point = rng.chance(0.75) ? pointIn(rng, this.city) : { lat: null, lng: null };
      location = { address, ...point };
    }
    const withPhoto = rng.chance(category === 'fire' || category === 'traffic' ? 0.35 : 0.15);
    const attachments: TipIntake['attachments'] = withPhoto ? [this.evidence(rng, category, submittedMs, location)] : [];
    return { unitCode: template.place ? district.code : this.city.code, category, content, location, reporter, attachments, submittedAt: iso(submittedMs) };
  }

  private duplicateOf(rng: Rng, prior: TipIntake, submittedMs: number, reporter: TipIntake['reporter']): TipIntake {
    const content = rng.chance(0.5) ? prior.content : `${prior.content}之前有人反映过，到现在还是这样。`;
    // a duplicate arrives after the tip it repeats
    const after = Math.max(submittedMs, Date.parse(prior.submittedAt ?? iso(submittedMs)) + rng.int(20, 600) * 60_000);
    const at = Math.min(after, this.clock.nowMs - 60_000);
    return { unitCode: prior.unitCode, category: prior.category, content, location: prior.location, reporter, attachments: [], submittedAt: iso(at) };
  }

  private evidence(rng: Rng, category: TipCategory, submittedMs: number, location: TipIntake['location']): TipIntake['attachments'][number] {
    const takenMs = submittedMs - rng.int(5, 240) * 60_000;
    const gps = location && location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : null;
    const sha = this.book.photo('evidence', rng.int(0, 1000), () => ({ plates: [], stamp: stampOf(iso(takenMs)), caption: CATEGORY_CAPTION[category], takenAt: iso(takenMs), gps }));
    return { sha256: sha, role: 'evidence', partyIdx: null };
  }
}
