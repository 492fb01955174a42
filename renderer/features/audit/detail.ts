import type { TFunction } from 'i18next';
import type { AuditLogEntry } from '#shared/contract/api';
import { kindOfItemId } from '#shared/domain/items';
import type { Language } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { categoryName } from '../tips/reasons';

type Detail = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const obj = (v: unknown): Detail => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Detail) : {});
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const join = (parts: readonly string[], lang: Language) => parts.filter((p) => p !== '').join(lang === 'en' ? '; ' : '；');

/**
 * One entry's detail in words, as the officer reads it in the grid and the pane: whose data was
 * viewed and why for a reveal (the exchange never logs the value), the outcome of a decision, the
 * reason of an admin's change. Unknown actions and shapes fall back to the stored JSON.
 */
export function describeDetail(e: AuditLogEntry, t: TFunction, lang: Language): string {
  const d = e.detail;
  if ('unreadable' in d && Object.keys(d).length === 1) return t('audit:detail.unreadable', { text: str(d.unreadable) });
  const body = obj(d.body);
  const kind = e.itemId ? kindOfItemId(e.itemId) : undefined;
  const status = kind && typeof d.status === 'string' ? t('audit:detail.status', { status: t(`domain:status.${kind}.${d.status}`, { defaultValue: d.status }) }) : '';
  const reason = (v: unknown) => (str(v) ? t('audit:detail.reason', { reason: str(v) }) : '');
  switch (e.action) {
    case 'reveal': {
      const field = t(`audit:detail.field.${str(d.field)}`, { defaultValue: str(d.field) });
      const item = e.itemId ?? '';
      return typeof d.partyIdx === 'number'
        ? t('audit:detail.revealParty', { item, party: d.partyIdx + 1, field, reason: str(d.reason) })
        : t('audit:detail.reveal', { item, field, reason: str(d.reason) });
    }
    case 'decide:approve':
      // the status after an approval is "approved": the pickup says more
      return t('audit:detail.approve', { pickup: t(`domain:delivery.${str(body.pickup)}`, { defaultValue: str(body.pickup) }) });
    case 'decide:reject': {
      const code = str(body.reasonCode);
      const why = [code && code !== 'other' ? t(`domain:rejectReason.${code}`, { defaultValue: code }) : '', str(body.reasonText)].filter((s) => s !== '').join(' · ');
      return t('audit:detail.reject', { reason: why });
    }
    case 'decide:determine': {
      const liabilities = list(body.liabilities).map((c) => t(`accidents:liability.class.${c}`, { defaultValue: c })).join(' / ');
      return join(
        [
          t('audit:detail.determine', { liabilities }),
          str(body.scenario) ? t('audit:detail.scenario', { scenario: str(body.scenario) }) : '',
          str(body.overrideReason) ? t('audit:detail.override', { reason: str(body.overrideReason) }) : '',
        ],
        lang,
      );
    }
    case 'note':
      return t('audit:detail.note', { text: str(body.text) });
    case 'take_over':
      return join([t('audit:detail.takeOver', { reason: str(body.reason) }), status], lang);
    case 'request_supplement':
      return join([t('audit:detail.supplementRequested', { missing: list(body.missing).join('、') }), str(body.note), status], lang);
    case 'hand_over':
      return join([t('audit:detail.handOver', { masked: str(obj(body).idNumberMasked) }), status], lang);
    case 'hand_over_refused':
      return t('audit:detail.handOverRefused', { code: t(`errors:${str(d.code)}`, { defaultValue: str(d.code) }), message: str(d.message), masked: str(body.idNumberMasked) });
    case 'dispatch':
      return join([t('audit:detail.dispatch', { waybill: str(body.waybill) }), status], lang);
    case 'refer':
      return join([t('audit:detail.refer', { reasons: list(body.reasons).map((c) => t(`accidents:exclusion.${c}`, { defaultValue: c })).join('、') }), str(body.note)], lang);
    case 'close':
      return join([t('audit:detail.close', { reason: str(body.reason) }), status], lang);
    case 'route':
      return join(
        [
          t('audit:detail.route', { unit: localUnitName(str(body.unitCode), lang) }),
          typeof body.deadlineHours === 'number' ? t('audit:detail.deadline', { hours: body.deadlineHours }) : '',
          str(body.note),
        ],
        lang,
      );
    case 'link_duplicate':
      return t('audit:detail.linkDuplicate', { of: str(body.duplicateOf) });
    case 'not_duplicate':
      return t('audit:detail.notDuplicate', { of: str(body.of) });
    case 'open_case':
      return t('audit:detail.openCase', { caseNumber: str(body.caseNumber) });
    case 'triage':
      return t('audit:detail.triage', {
        category: categoryName(str(body.category), lang),
        urgency: t(`tips:level.${str(body.urgencyLevel)}`, { defaultValue: str(body.urgencyLevel) }),
        reason: str(body.reason),
      });
    case 'feedback':
      return t('audit:detail.feedback', { text: str(body.text) });
    case 'group_follow':
      return t('audit:detail.groupFollow', { primary: str(d.primary), outcome: str(d.outcome) });
    case 'report_weekly':
      return t('audit:detail.report', { unit: localUnitName(str(d.unit), lang), week: str(d.week), format: str(d.format).toUpperCase() });
    case 'login':
    case 'logout':
      return '';
    case 'login_failed':
      return d.reason === 'unknown_badge' ? t('audit:detail.loginUnknown') : t('audit:detail.loginFailed', { count: str(d.failedCount) });
    case 'login_locked':
      return str(d.byAdmin) ? t('audit:detail.lockedByAdmin', { admin: str(d.byAdmin) }) : t('audit:detail.lockedByFailures');
    case 'officer_create':
      return t('audit:detail.officerCreate', {
        badge: str(d.badge),
        name: str(d.name),
        role: t(`admin:role.${str(d.role)}`, { defaultValue: str(d.role) }),
        unit: localUnitName(str(d.unitCode), lang),
      });
    case 'officer_password_reset':
      return t('audit:detail.officerReset', { badge: str(d.badge), sessions: str(d.sessionsEnded) || '0' });
    case 'officer_lock':
      return t('audit:detail.officerLock', { badge: str(d.badge), reason: str(d.reason) });
    case 'officer_unlock':
      return join([t('audit:detail.officerUnlock', { badge: str(d.badge) }), reason(d.reason)], lang);
    case 'officer_assign': {
      const side = (v: unknown) => {
        const o = obj(v);
        return `${t(`admin:role.${str(o.role)}`, { defaultValue: str(o.role) })} · ${localUnitName(str(o.unitCode), lang)}`;
      };
      return join([t('audit:detail.officerAssign', { badge: str(d.badge), from: side(d.from), to: side(d.to) }), reason(d.reason)], lang);
    }
    case 'withdraw':
      return t('audit:detail.withdraw', { reason: str(d.reason) });
    case 'supplement':
      return join([t('audit:detail.supplement', { codes: list(d.codes).join('、') }), typeof d.pausedWorkingDays === 'number' ? t('audit:detail.pausedDays', { days: d.pausedWorkingDays }) : ''], lang);
    case 'tip_follow_up':
      return t('audit:detail.tipFollowUp', { length: str(d.length) });
    default:
      // claim, release, renew, check_in, serve, no_show: the status after it says it all
      return status || JSON.stringify(d);
  }
}

/** The stored detail as `key: value` lines (nested keys dotted), for the pane's "as stored". */
export function flatDetail(d: Detail, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(d)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...flatDetail(v as Detail, key));
    else out.push([key, Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ') : v === null ? '—' : String(v)]);
  }
  return out;
}
