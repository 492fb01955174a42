import { useState } from 'react';
import { TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemRow } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { currentLanguage } from '../../app/i18n';
import { serviceName } from '../../app/i18n/names';
import { DialogFrame } from '../workspace/DialogFrame';
import { IdNumberField, idNumberProblem } from '../workspace/IdNumberField';
import { normalizeWaybill, waybillProblem } from './hall';

interface HallDialogProps {
  readonly row: ItemRow;
  readonly online: boolean;
  readonly onClose: () => void;
  /** The answer's item; `queued` when the command waits in the outbox (offline). */
  readonly onDone: (item: WorkItem, extra: { waybill?: string; queued: boolean }) => void;
}

/** Runs a bridge call with busy / error state, keeping what was typed on a failure. */
function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeCallError | null>(null);
  const run = async <T,>(call: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (e) {
      setError(toBridgeError(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * 核验交付 at the window: the number typed from the card the applicant presents (or read by a card
 * reader that types it and Enter) goes straight to the exchange (hall.handOver), which compares
 * it with the applicant's; a mismatch shows here in the officer's words and the typed number
 * stays for a correction. Nothing is queued or kept on this PC.
 */
export function HandOverDialog(props: Readonly<HallDialogProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [idNumber, setIdNumber] = useState('');
  const { busy, error, run } = useRun();
  const ready = idNumberProblem(idNumber) === null && props.online;
  return (
    <DialogFrame
      open
      title={t('hall:handover.title', { id: props.row.id })}
      testId="hall-handover-dialog"
      error={error}
      busy={busy}
      confirmDisabled={!ready}
      confirmLabel={t('hall:handover.confirm')}
      onCancel={props.onClose}
      onConfirm={() => {
        void run(() => bridge()['hall.handOver']({ itemId: props.row.id, idNumber })).then((r) => {
          if (r) props.onDone(r.item, { queued: false });
        });
      }}
    >
      <Typography variant="body2" data-testid="hall-handover-who">
        {t('hall:handover.who', { name: props.row.person, masked: props.row.personIdMasked, service: serviceName(props.row.label, lang) })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('hall:handover.hint')}
      </Typography>
      {!props.online && (
        <Typography variant="body2" color="warning.main" role="status" data-testid="hall-handover-offline">
          {t('hall:reason.offline')}
        </Typography>
      )}
      <IdNumberField value={idNumber} onChange={setIdNumber} testId="hall-handover-id-number" autoFocus />
    </DialogFrame>
  );
}

/** EMS 寄出: the waybill typed or scanned, checked against the contract's format as it is typed; queued offline like any command. */
export function DispatchDialog(props: Readonly<HallDialogProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [waybill, setWaybill] = useState('');
  const { busy, error, run } = useRun();
  const problem = waybillProblem(waybill);
  const helper = problem === 'format' ? t('hall:dispatch.format') : problem === 'incomplete' && waybill.length > 0 ? t('hall:dispatch.incomplete', { n: 13 - waybill.length }) : t('hall:dispatch.hint');
  return (
    <DialogFrame
      open
      title={t('hall:dispatch.title', { id: props.row.id })}
      testId="hall-dispatch-dialog"
      error={error}
      busy={busy}
      confirmDisabled={problem !== null}
      confirmLabel={t('hall:dispatch.confirm')}
      onCancel={props.onClose}
      onConfirm={() => {
        void run(() => bridge()['items.command']({ itemId: props.row.id, type: 'dispatch', body: { waybill } })).then((r) => {
          if (r) props.onDone(r.item, { waybill, queued: !props.online });
        });
      }}
    >
      <Typography variant="body2" data-testid="hall-dispatch-who">
        {t('hall:dispatch.who', { name: props.row.person, service: serviceName(props.row.label, lang) })}
      </Typography>
      <TextField
        label={t('hall:dispatch.label')}
        value={waybill}
        onChange={(e) => setWaybill(normalizeWaybill(e.target.value))}
        autoFocus
        autoComplete="off"
        fullWidth
        error={problem === 'format'}
        helperText={helper}
        slotProps={{ htmlInput: { 'data-testid': 'hall-waybill', spellCheck: false, maxLength: 16, style: { fontFamily: 'monospace', letterSpacing: '0.08em' } } }}
        data-problem={problem ?? undefined}
      />
    </DialogFrame>
  );
}
