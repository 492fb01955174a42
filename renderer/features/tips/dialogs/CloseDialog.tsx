import { useState } from 'react';
import { Chip, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

export const CLOSE_REASONS = ['unfounded', 'insufficient', 'handled'] as const;

/** The reason field with the usual closing reasons one click away; the first (unfounded) preset. */
export function CloseReasonField(props: Readonly<{ value: string; onChange: (v: string) => void; autoFocus?: boolean }>) {
  const { t } = useTranslation();
  const missing = props.value.trim() === '';
  return (
    <>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
        {CLOSE_REASONS.map((r) => (
          <Chip key={r} size="small" variant="outlined" label={t(`tips:close.reason.${r}`)} onClick={() => props.onChange(t(`tips:close.reason.${r}`))} data-testid={`close-preset-${r}`} />
        ))}
      </Stack>
      <TextField
        label={t('tips:close.label')}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoFocus={props.autoFocus}
        multiline
        minRows={2}
        required
        error={missing}
        helperText={missing ? t('tips:close.required') : t('tips:close.hint')}
        slotProps={{ htmlInput: { 'data-testid': 'close-reason', maxLength: 1000 } }}
      />
    </>
  );
}

/** Close the tip (unfounded, as a rule) with its reason; a primary's group closes with it and every reporter is told. */
export function CloseDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(() => t('tips:close.reason.unfounded'));
  return (
    <DialogFrame
      open
      title={t('tips:dialog.closeTitle')}
      testId="close-dialog"
      error={props.error}
      busy={props.busy}
      confirmLabel={t('tips:action.close')}
      confirmColor="error"
      confirmDisabled={reason.trim() === ''}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'close', body: { reason: reason.trim() } })}
    >
      <CloseReasonField value={reason} onChange={setReason} />
    </DialogFrame>
  );
}
