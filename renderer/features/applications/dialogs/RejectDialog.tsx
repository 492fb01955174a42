import { useState } from 'react';
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { RejectReasonCodeSchema, type Application, type RejectReasonCode } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/** Reject with a standard reason; "other" needs an explanation (DecideBodySchema says the same). */
export function RejectDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  const [reasonCode, setReasonCode] = useState<RejectReasonCode>('not_eligible');
  const [text, setText] = useState('');
  const textMissing = reasonCode === 'other' && text.trim().length === 0;
  return (
    <DialogFrame
      open
      title={t('applications:dialog.rejectTitle')}
      testId="reject-dialog"
      error={props.error}
      busy={props.busy}
      confirmColor="error"
      confirmLabel={t('applications:action.reject')}
      confirmDisabled={textMissing}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'decide', body: { outcome: 'reject', reasonCode, reasonText: text.trim() } })}
    >
      <TextField
        select
        label={t('applications:dialog.rejectReason')}
        value={reasonCode}
        onChange={(e) => setReasonCode(e.target.value as RejectReasonCode)}
        // A native select: keyboard friendly and drivable by tests with selectOption.
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'reject-reason' }, inputLabel: { shrink: true } }}
      >
        {RejectReasonCodeSchema.options.map((c) => (
          <option key={c} value={c}>
            {t(`domain:rejectReason.${c}`)}
          </option>
        ))}
      </TextField>
      <TextField
        label={t('applications:dialog.rejectText')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        multiline
        minRows={3}
        required={reasonCode === 'other'}
        error={textMissing}
        helperText={reasonCode === 'other' ? t('applications:dialog.rejectTextRequired') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'reject-text', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
