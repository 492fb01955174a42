import { useState } from 'react';
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/** Close a determined or referred case with its reason (kept as a note); preset to the usual one. */
export function CloseDialog(props: Readonly<DialogProps<AccidentCase>>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(() => t(props.item.status === 'referred' ? 'accidents:dialog.closeReferred' : 'accidents:dialog.closeDetermined'));
  const missing = reason.trim() === '';
  return (
    <DialogFrame
      open
      title={t('accidents:dialog.closeTitle')}
      testId="close-dialog"
      error={props.error}
      busy={props.busy}
      confirmLabel={t('accidents:action.close')}
      confirmDisabled={missing}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'close', body: { reason: reason.trim() } })}
    >
      <TextField
        label={t('accidents:dialog.closeReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        multiline
        minRows={2}
        required
        error={missing}
        slotProps={{ htmlInput: { 'data-testid': 'close-reason', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
