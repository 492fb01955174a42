import type { TipIntake } from '#shared/contract/api';
import type { TipCategory } from '#shared/domain/items';
import { iso, type DemoClock } from './clock';
import { person } from './people';
import { stampOf, type PhotoBook } from './photos';
import type { CityGeo } from './places';
import type { Rng } from './prng';
import { TipCorpus, type Incident } from './tipCorpus';

/**
 * Tips (线索举报): every category, about 40% anonymous, most with a place, some with an evidence
 * photo, written by the tip corpus (tipCorpus.ts). Some report an incident an earlier tip already
 * reported, written by another citizen in their own words (a paraphrase, the duplicate candidates
 * the exchange should find); some are hard negatives of an earlier tip (another matter at the same
 * venue, the same matter at another venue of its road), which it should not propose; and a few
 * are the same reporter sending their own text again with a line added, which officers link.
 */
const ANONYMOUS_SHARE = 0.4;
const PARAPHRASE_SHARE = 0.07;
const HARD_NEGATIVE_SHARE = 0.04;
const RESEND_SHARE = 0.015;

const CATEGORY_CAPTION: Readonly<Record<TipCategory, string>> = {
  vice: '黄赌毒线索',
  fire: '火灾隐患',
  fraud: '电信诈骗',
  traffic: '交通违法',
  gang: '涉黑恶线索',
  other: '其他线索',
};

interface Earlier {
  readonly tip: TipIntake;
  readonly incident: Incident;
}

export class TipGenerator {
  private readonly corpus: TipCorpus;
  private readonly earlier: Earlier[] = [];
  /** The incident of each tip made, in the order made (tips of one incident are duplicates). */
  readonly incidents: number[] = [];

  constructor(
    private readonly city: CityGeo,
    private readonly clock: DemoClock,
    private readonly book: PhotoBook,
  ) {
    this.corpus = new TipCorpus(city);
  }

  next(rng: Rng, forceCategory?: TipCategory): TipIntake {
    const submittedMs = this.clock.recent(rng, { workingOnly: false, fromMin: 6 * 60, toMin: 23 * 60 + 50, maxDaysBack: 20, minAgoMin: 1 });
    const reporter = this.reporter(rng);
    const prior = this.earlier.length > 0 && !forceCategory ? this.earlier[rng.int(0, this.earlier.length - 1)]! : null;
    const roll = rng.next();
    let made: Earlier;
    if (prior && roll < RESEND_SHARE) made = this.resend(rng, prior, submittedMs);
    else if (prior && roll < RESEND_SHARE + PARAPHRASE_SHARE) made = this.paraphrase(rng, prior, submittedMs, reporter);
    else {
      const negative = prior && roll < RESEND_SHARE + PARAPHRASE_SHARE + HARD_NEGATIVE_SHARE ? this.hardNegative(rng, prior.incident) : null;
      made = this.fresh(rng, negative ?? this.corpus.incident(rng, forceCategory ? { category: forceCategory } : {}), submittedMs, reporter);
    }
    this.earlier.push(made);
    this.incidents.push(made.incident.id);
    return made.tip;
  }

  private reporter(rng: Rng): TipIntake['reporter'] {
    if (rng.chance(ANONYMOUS_SHARE)) return { anonymous: true, name: null, phone: null, idNumber: null };
    const who = person(rng, this.city, new Date(this.clock.nowMs).getUTCFullYear());
    return { anonymous: false, name: who.name, phone: who.phone, idNumber: rng.chance(0.7) ? who.idNumber : null };
  }

  private fresh(rng: Rng, incident: Incident, submittedMs: number, reporter: TipIntake['reporter']): Earlier {
    const r = this.corpus.report(rng, incident);
    const photoChance = incident.matter.noPhoto ? 0 : r.category === 'fire' || r.category === 'traffic' ? 0.35 : 0.15;
    const attachments: TipIntake['attachments'] = rng.chance(photoChance) ? [this.evidence(rng, r.category, submittedMs, r.location)] : [];
    const tip: TipIntake = { unitCode: r.unitCode, category: r.category, content: r.content, location: r.location, reporter, attachments, submittedAt: iso(submittedMs) };
    return { tip, incident };
  }

  /** Another citizen reports the same incident in their own words, after the first report. */
  private paraphrase(rng: Rng, prior: Earlier, submittedMs: number, reporter: TipIntake['reporter']): Earlier {
    const r = this.corpus.report(rng, prior.incident);
    const at = this.after(rng, prior.tip, submittedMs);
    return { tip: { unitCode: r.unitCode, category: r.category, content: r.content, location: r.location, reporter, attachments: [], submittedAt: iso(at) }, incident: prior.incident };
  }

  /** The same reporter sends their tip again, nothing having changed. */
  private resend(rng: Rng, prior: Earlier, submittedMs: number): Earlier {
    const at = this.after(rng, prior.tip, submittedMs);
    return { tip: { ...prior.tip, content: `${prior.tip.content}之前反映过，到现在还是这样。`, attachments: [], submittedAt: iso(at) }, incident: prior.incident };
  }

  private hardNegative(rng: Rng, of: Incident): Incident | null {
    return rng.chance(0.6) ? this.corpus.otherMatterSamePlace(rng, of) : this.corpus.sameRoadOtherVenue(rng, of);
  }

  /** A later report arrives after the tip it repeats, and before now. */
  private after(rng: Rng, prior: TipIntake, submittedMs: number): number {
    const later = Math.max(submittedMs, Date.parse(prior.submittedAt ?? iso(submittedMs)) + rng.int(20, 600) * 60_000);
    return Math.min(later, this.clock.nowMs - 60_000);
  }

  private evidence(rng: Rng, category: TipCategory, submittedMs: number, location: TipIntake['location']): TipIntake['attachments'][number] {
    const takenMs = submittedMs - rng.int(5, 240) * 60_000;
    const gps = location && location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : null;
    const sha = this.book.photo('evidence', rng.int(0, 1000), () => ({ plates: [], stamp: stampOf(iso(takenMs)), caption: CATEGORY_CAPTION[category], takenAt: iso(takenMs), gps }));
    return { sha256: sha, role: 'evidence', partyIdx: null };
  }
}
