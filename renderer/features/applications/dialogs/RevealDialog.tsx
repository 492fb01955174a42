import { useState } from 'react';
import { Alert, Box, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from './DialogFrame';

export interface RevealDialogProps {
  open: boolean;
  value: string | null;
  error: BridgeCallError | null;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Reveal the full ID number: a reason is required and the exchange audits the reveal. */
export function RevealDialog(props: Readonly<RevealDialogProps>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const tooShort = reason.trim().length < 2;
  return (
    <DialogFrame
      open={props.open}
      title={t('dialog.revealTitle')}
      testId="reveal-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={tooShort}
      hideConfirm={props.value !== null}
      cancelLabel={props.value !== null ? t('app.close') : undefined}
      onCancel={props.onCancel}
      onConfirm={() => props.onConfirm(reason.trim())}
    >
      <Alert severity="warning" role="note">{t('dialog.revealExplain')}</Alert>
      <TextField
        label={t('dialog.revealReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        disabled={props.value !== null}
        helperText={tooShort ? t('dialog.revealReasonTooShort') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'reveal-reason', maxLength: 200 } }}
      />
      {props.value !== null && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            {t('dialog.revealResult')}
          </Typography>
          <Typography data-testid="reveal-value" sx={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 1 }}>
            {props.value}
          </Typography>
        </Box>
      )}
    </DialogFrame>
  );
}
