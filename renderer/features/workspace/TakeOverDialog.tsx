import { useState } from 'react';
import { Alert, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '#shared/domain/items';
import { DialogFrame } from './DialogFrame';
import type { DialogProps } from './types';

/**
 * A supervisor takes over a colleague's claim (`take_over`): the reason is required, kept as a
 * note and audited on the exchange. The former holder's later decisions come back `claim_lost`.
 */
export function TakeOverDialog<I extends WorkItem>(props: Readonly<DialogProps<I>>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const missing = reason.trim().length === 0;
  const holder = props.detail.claimedByName ?? props.item.claimedBy ?? '';
  return (
    <DialogFrame
      open
      title={t('workspace:dialog.takeOverTitle')}
      testId="take-over-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={missing}
      confirmLabel={t('workspace:action.takeOver')}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'take_over', body: { reason: reason.trim() } })}
    >
      <Alert severity="warning" role="note">
        {t('workspace:dialog.takeOverHint', { name: holder })}
      </Alert>
      <TextField
        label={t('workspace:dialog.takeOverReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        required
        multiline
        minRows={2}
        helperText={missing ? t('workspace:dialog.takeOverReasonRequired') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'take-over-reason', maxLength: 500 } }}
      />
    </DialogFrame>
  );
}
