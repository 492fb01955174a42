import { useState } from 'react';
import { Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from './DialogFrame';

export interface HandoverDialogProps {
  open: boolean;
  error: BridgeCallError | null;
  busy: boolean;
  onConfirm: (body: { idChecked: true }) => void;
  onCancel: () => void;
}

/** Hand-over at the window: approval was online, the original ID is checked now (DOMAIN.md). */
export function HandoverDialog(props: Readonly<HandoverDialogProps>) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  return (
    <DialogFrame
      open={props.open}
      title={t('dialog.handoverTitle')}
      testId="handover-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={!checked}
      onCancel={props.onCancel}
      onConfirm={() => props.onConfirm({ idChecked: true })}
    >
      <Typography variant="body2" color="text.secondary">
        {t('dialog.handoverHint')}
      </Typography>
      <FormControlLabel
        label={t('dialog.handoverCheck')}
        control={<Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)} slotProps={{ input: { 'data-testid': 'handover-id-checked' } as object }} />}
      />
    </DialogFrame>
  );
}
