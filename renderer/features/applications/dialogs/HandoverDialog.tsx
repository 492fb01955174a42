import { useState } from 'react';
import { Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Application } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/** Hand-over at the window: approval was online, the original ID is checked now (DOMAIN.md). */
export function HandoverDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(false);
  return (
    <DialogFrame
      open
      title={t('applications:dialog.handoverTitle')}
      testId="handover-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={!checked}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'hand_over', body: { idChecked: true } })}
    >
      <Typography variant="body2" color="text.secondary">
        {t('applications:dialog.handoverHint')}
      </Typography>
      <FormControlLabel
        label={t('applications:dialog.handoverCheck')}
        control={<Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)} slotProps={{ input: { 'data-testid': 'handover-id-checked' } as object }} />}
      />
    </DialogFrame>
  );
}
