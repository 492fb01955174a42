import { AppError } from '#shared/errors';
import { MAX_TIP_MESSAGES, WorkItemSchema, type WorkItem } from '#shared/domain/items';
import { isTerminal } from '#shared/domain/status';
import { AttachmentRoleSchema } from '#shared/domain/attachments';
import { findService } from '#shared/data/catalogue';
import { statutoryDueAt, workingDaysBetween } from '#shared/rules/workdays';
import type { ItemAttachment, Repos } from '../store/store';
import type { TipFollowUpIntake } from '#shared/contract/api';
import { secretsEqual } from '../auth/tokens';
import { reporterCodeHash, requireBlobs } from './intake';

import { accidentFindings, recordPhotoHashes } from './forensics';

/**
 * What the citizen may still do to an item after submitting it: withdraw it, or send the material
 * an officer asked for. Both come from the Internet side through intake and are audited with the
 * actor `intake`.
 */
async function load(db: Repos, itemId: string): Promise<WorkItem> {
  const item = await db.items.getWork(itemId);
  if (!item) throw new AppError('not_found', `no item ${itemId}`);
  return item;
}

async function save(
  db: Repos,
  before: WorkItem,
  after: WorkItem,
  now: Date,
  action: string,
  detail: Record<string, unknown>,
  attachments: readonly ItemAttachment[] = [],
): Promise<number> {
  const next = WorkItemSchema.parse({ ...after, version: before.version + 1, updatedAt: now.toISOString() });
  const seq = await db.items.update(next, before.unitCode, attachments);
  await db.audit.append({ at: now.toISOString(), actor: 'intake', action, itemId: next.id, detail: { version: next.version, ...detail } });
  return seq;
}

/**
 * A reporter's follow-up to their tip (more detail, "it is happening again"), appended to the
 * tip's thread. The tip's number and the code the reporter got at submission must match; a wrong
 * pair is answered exactly like an unknown tip, so codes cannot be probed per tip.
 */
export async function followUpTip(db: Repos, body: TipFollowUpIntake, now: Date): Promise<number> {
  const stored = await db.items.get(body.itemId);
  const hash = stored?.pii.reporterCodeHash;
  if (!stored || stored.item.kind !== 'tip' || !hash || !secretsEqual(reporterCodeHash(body.reporterCode), hash)) {
    throw new AppError('not_found', 'no tip with that number and reporter code');
  }
  const tip = stored.item;
  if (tip.data.messages.length >= MAX_TIP_MESSAGES) throw new AppError('invalid', `the tip's thread is full (${MAX_TIP_MESSAGES} messages)`);
  const message = { at: now.toISOString(), from: 'reporter' as const, by: null, text: body.text };
  const after: WorkItem = { ...tip, data: { ...tip.data, messages: [...tip.data.messages, message] } };
  return save(db, tip, after, now, 'tip_follow_up', { length: body.text.length });
}

export async function withdrawItem(db: Repos, itemId: string, reason: string, now: Date): Promise<number> {
  const item = await load(db, itemId);
  if (item.kind === 'tip') throw new AppError('invalid', 'a tip cannot be withdrawn once sent');
  if (isTerminal(item)) throw new AppError('conflict', `${itemId} is already ${item.status}`);
  if (item.kind === 'application' && item.status === 'approved') throw new AppError('conflict', `${itemId} is approved; collect or refuse it at the window`);
  if (item.kind === 'accident' && item.status !== 'reported' && item.status !== 'photos_requested') {
    throw new AppError('conflict', `${itemId} is already ${item.status}`);
  }
  if (item.kind === 'appointment' && item.status !== 'booked') throw new AppError('conflict', `${itemId} is already ${item.status}`);
  const after = { ...item, status: 'withdrawn', claimedBy: null, claimExpiresAt: null } as WorkItem;
  return save(db, item, after, now, 'withdraw', { reason });
}

/**
 * The citizen's answer to a supplement request. For applications the statutory clock resumes:
 * the working days it was paused are added and the due date is recomputed. For accidents the
 * codes are photo codes (`front_side`, `plate#1`, as in shared/rules/quickProcedure).
 */
export async function supplyMaterials(db: Repos, itemId: string, materials: readonly { code: string; sha256: string }[], now: Date): Promise<number> {
  const item = await load(db, itemId);
  await requireBlobs(db, materials.map((m) => m.sha256));
  if (item.kind === 'application') {
    const { supplement } = item.data;
    if (item.status !== 'supplement_requested' || !supplement) throw new AppError('conflict', `${itemId} is not waiting for material`);
    const service = findService(item.data.serviceCode);
    const known = new Set(service?.materials.map((m) => m.code) ?? []);
    const unknown = materials.find((m) => !known.has(m.code));
    if (unknown) throw new AppError('invalid', `material ${unknown.code} is not one of ${item.data.serviceCode}'s materials`);
    const supplied = new Map(materials.map((m) => [m.code, m.sha256]));
    const merged = [...item.data.materials.filter((m) => !supplied.has(m.code)), ...materials.map((m) => ({ code: m.code, sha256: m.sha256 }))];
    const pausedWorkingDays = item.data.pausedWorkingDays + workingDaysBetween(supplement.requestedAt, now.toISOString());
    const after: WorkItem = {
      ...item,
      status: 'submitted',
      dueAt: service ? statutoryDueAt(item.submittedAt, service.limitDays, pausedWorkingDays) : item.dueAt,
      data: { ...item.data, materials: merged, supplement: null, pausedWorkingDays },
    };
    const attachments: ItemAttachment[] = materials.map((m) => ({ sha256: m.sha256, role: `material:${m.code}`, partyIdx: null }));
    return save(db, item, after, now, 'supplement', { codes: materials.map((m) => m.code), pausedWorkingDays }, attachments);
  }
  if (item.kind === 'accident') {
    if (item.status !== 'photos_requested') throw new AppError('conflict', `${itemId} is not waiting for photos`);
    const attachments: ItemAttachment[] = materials.map((m) => {
      const match = /^([a-z_]+)(?:#([0-2]))?$/.exec(m.code);
      const role = AttachmentRoleSchema.safeParse(match?.[1]);
      const partyIdx = match?.[2] === undefined ? null : Number(match[2]);
      if (!role.success || role.data.startsWith('material:') || role.data === 'determination' || (partyIdx !== null && partyIdx >= item.data.parties.length)) {
        throw new AppError('invalid', `${m.code} is not a photo code`);
      }
      return { sha256: m.sha256, role: role.data, partyIdx };
    });
    // photo forensics on the photos supplied now (server/domain/forensics.ts): taken after the
    // request is expected, so "after the report" is counted from this supplement
    const judged = new Set(item.data.findings.map((f) => f.sha256));
    const fresh = attachments.filter((a) => !judged.has(a.sha256));
    const report = { occurredAt: item.data.occurredAt, submittedAt: now.toISOString(), location: item.data.location };
    const findings = [...item.data.findings, ...(await accidentFindings(db, item.id, report, fresh))].slice(0, 200);
    const after: WorkItem = { ...item, status: 'reported', data: { ...item.data, photoRequest: null, findings } };
    const seq = await save(db, item, after, now, 'supplement', { codes: materials.map((m) => m.code) }, attachments);
    await recordPhotoHashes(db, item.id, fresh);
    return seq;
  }
  throw new AppError('invalid', 'tips take no supplements');
}
