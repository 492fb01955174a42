import type { AccidentIntake } from '#shared/contract/api';
import type { AccidentTwist } from './accidents';

/**
 * The accident cases the demo opens with in the traffic officers' queue, each showing what the
 * exchange's photo forensics and the quick-procedure rules catch, plus a shift's worth of plain
 * cases (complete photos, no findings, a clear scenario) to determine. All reported within the
 * last five hours, so the replayed officer work (actions.ts, items older than six hours) leaves
 * them open.
 *
 * Only in `generated` mode (the demo: real pixels, real EXIF) and only in the first city with at
 * least SHOWCASE_MIN_ACCIDENTS accidents (the capital in DEMO_PER_CITY), where they take the
 * place of the first generated cases, so every count stays as requested. Small test data sets
 * and bench runs (`reuse`) get none.
 */
export const SHOWCASE_MIN_ACCIDENTS = 40;

/** The case whose front photo is reused (recompressed) by the next one. */
const ORIGINAL = 0;

const SHOWCASE: readonly ((earlier: readonly AccidentIntake[]) => AccidentTwist)[] = [
  // a photo reused across two cases: this one's front photo comes back recompressed in the next
  () => ({ submittedMinAgo: 180, clear: true }),
  (earlier) => ({ submittedMinAgo: 40, clear: true, photo: { role: 'front_side', copyOf: refOf(earlier[ORIGINAL], 'front_side') } }),
  // a photo taken hours before the reported crash
  () => ({ submittedMinAgo: 55, clear: true, photo: { role: 'rear_side', takenMinBefore: 4 * 60 } }),
  // a photo taken 20 km from the reported place
  () => ({ submittedMinAgo: 70, clear: true, photo: { role: 'collision', gpsKm: 20 } }),
  // a photo without any EXIF
  () => ({ submittedMinAgo: 85, clear: true, photo: { role: 'scene', noExif: true } }),
  // the second party's plate photo missing: photos to request, not a determination
  () => ({ submittedMinAgo: 95, clear: true, drop: 'plate#1' }),
  // an injury declared: not for the quick procedure, to refer
  () => ({ submittedMinAgo: 110, declare: 'casualties' }),
  // three vehicles in a chain collision
  () => ({ submittedMinAgo: 125, parties: 3 }),
  // a shift's worth of plain cases
  ...Array.from({ length: 12 }, (_, j) => () => ({ submittedMinAgo: 15 + 25 * j + (j % 3) * 4, clear: true })),
];

function refOf(accident: AccidentIntake | undefined, role: string): string {
  const ref = accident?.photos.find((p) => p.role === role)?.sha256;
  if (!ref) throw new Error(`showcase: no ${role} photo to reuse`);
  return ref;
}

/** The twist of the city's `index`-th accident, given the ones generated before it; none past the list. */
export function showcaseTwist(index: number, earlier: readonly AccidentIntake[]): AccidentTwist | undefined {
  return SHOWCASE[index]?.(earlier);
}

export const SHOWCASE_SIZE = SHOWCASE.length;
