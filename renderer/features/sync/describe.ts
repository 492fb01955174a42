import type { TFunction } from 'i18next';
import type { CommandType } from '#shared/domain/commands';
import type { Language } from '../../app/i18n';
import { materialName } from '../../app/i18n/names';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * A command as the officer would say it ("驳回：材料虚假——…"), for the outbox and the conflicts
 * list, where the officer's kept decision must be recognisable before re-applying it.
 * The body is unknown on purpose (it crossed the bridge untyped), so every field is read defensively.
 */
export function describeCommand(type: CommandType, body: unknown, t: TFunction, lang: Language): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  switch (type) {
    case 'decide': {
      const outcome = str(b.outcome);
      if (outcome === 'approve') return t('sync:decision.approve', { pickup: t(`domain:delivery.${str(b.pickup) || 'window'}`) });
      if (outcome === 'reject') {
        const reason = t(`domain:rejectReason.${str(b.reasonCode) || 'other'}`);
        const text = str(b.reasonText);
        return text ? t('sync:decision.rejectWithText', { reason, text }) : t('sync:decision.reject', { reason });
      }
      if (outcome === 'determine') {
        const list = Array.isArray(b.liabilities) ? b.liabilities.map(String).join(' / ') : '';
        return t('sync:decision.determine', { liabilities: list });
      }
      return t('domain:commandType.decide');
    }
    case 'request_supplement': {
      const missing = Array.isArray(b.missing) ? b.missing.map((c) => materialName(String(c), lang)).join('、') : '';
      const note = str(b.note);
      return t('sync:decision.supplement', { materials: missing }) + (note ? t('sync:decision.supplementNote', { note }) : '');
    }
    case 'hand_over':
      return t('sync:decision.handover');
    case 'dispatch':
      return t('sync:decision.dispatch', { waybill: str(b.waybill) });
    case 'note':
      return t('sync:decision.note', { text: str(b.text) });
    case 'take_over':
      return str(b.reason) ? t('sync:decision.takeOver', { reason: str(b.reason) }) : t('domain:commandType.take_over');
    default:
      return t(`domain:commandType.${type}`);
  }
}
