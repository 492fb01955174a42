import { useState } from 'react';
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { RejectReasonCodeSchema, type RejectReasonCode } from '#shared/domain/items';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from './DialogFrame';

export interface RejectDialogProps {
  open: boolean;
  error: BridgeCallError | null;
  busy: boolean;
  onConfirm: (body: { outcome: 'reject'; reasonCode: RejectReasonCode; reasonText: string }) => void;
  onCancel: () => void;
}

/** Reject with a standard reason; "other" needs an explanation (DecideBodySchema says the same). */
export function RejectDialog(props: Readonly<RejectDialogProps>) {
  const { t } = useTranslation();
  const [reasonCode, setReasonCode] = useState<RejectReasonCode>('not_eligible');
  const [text, setText] = useState('');
  const textMissing = reasonCode === 'other' && text.trim().length === 0;
  return (
    <DialogFrame
      open={props.open}
      title={t('dialog.rejectTitle')}
      testId="reject-dialog"
      error={props.error}
      busy={props.busy}
      confirmColor="error"
      confirmDisabled={textMissing}
      onCancel={props.onCancel}
      onConfirm={() => props.onConfirm({ outcome: 'reject', reasonCode, reasonText: text.trim() })}
    >
      <TextField
        select
        label={t('dialog.rejectReason')}
        value={reasonCode}
        onChange={(e) => setReasonCode(e.target.value as RejectReasonCode)}
        // A native select: keyboard friendly and drivable by tests with selectOption.
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'reject-reason' }, inputLabel: { shrink: true } }}
      >
        {RejectReasonCodeSchema.options.map((c) => (
          <option key={c} value={c}>
            {t(`rejectReason.${c}`)}
          </option>
        ))}
      </TextField>
      <TextField
        label={t('dialog.rejectText')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        multiline
        minRows={3}
        required={reasonCode === 'other'}
        error={textMissing}
        helperText={reasonCode === 'other' ? t('dialog.rejectTextRequired') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'reject-text', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
