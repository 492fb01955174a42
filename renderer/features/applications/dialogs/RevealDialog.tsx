import { useState } from 'react';
import { Alert, Box, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Application } from '#shared/domain/items';
import { bridge } from '../../../app/bridge';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/** Reveal the full ID number: a reason is required, the exchange audits the reveal (so it needs the network). */
export function RevealDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const tooShort = reason.trim().length < 2;
  const reveal = () => {
    void props.run(() => bridge()['items.reveal']({ itemId: props.item.id, field: 'idNumber', reason: reason.trim() })).then((r) => r && setValue(r.value));
  };
  return (
    <DialogFrame
      open
      title={t('applications:dialog.revealTitle')}
      testId="reveal-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={tooShort}
      hideConfirm={value !== null}
      cancelLabel={value !== null ? t('app:close') : undefined}
      onCancel={props.onClose}
      onConfirm={reveal}
    >
      <Alert severity="warning" role="note">
        {t('applications:dialog.revealExplain')}
      </Alert>
      <TextField
        label={t('applications:dialog.revealReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        disabled={value !== null}
        helperText={tooShort ? t('applications:dialog.revealReasonTooShort') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'reveal-reason', maxLength: 200 } }}
      />
      {value !== null && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            {t('applications:dialog.revealResult')}
          </Typography>
          <Typography data-testid="reveal-value" sx={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 1 }}>
            {value}
          </Typography>
        </Box>
      )}
    </DialogFrame>
  );
}
