import { useState } from 'react';
import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '#shared/domain/items';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from './DialogFrame';

export interface ApproveDialogProps {
  open: boolean;
  preference: Delivery;
  allowed: readonly Delivery[];
  error: BridgeCallError | null;
  busy: boolean;
  onConfirm: (body: { outcome: 'approve'; pickup: Delivery }) => void;
  onCancel: () => void;
}

/** Approve with a delivery: defaults to the citizen's own preference. */
export function ApproveDialog(props: Readonly<ApproveDialogProps>) {
  const { t } = useTranslation();
  const [pickup, setPickup] = useState<Delivery>(props.preference);
  return (
    <DialogFrame
      open={props.open}
      title={t('dialog.approveTitle')}
      testId="approve-dialog"
      error={props.error}
      busy={props.busy}
      onCancel={props.onCancel}
      onConfirm={() => props.onConfirm({ outcome: 'approve', pickup })}
    >
      <FormControl>
        <FormLabel id="approve-pickup-label">{t('dialog.approvePickup')}</FormLabel>
        <RadioGroup row aria-labelledby="approve-pickup-label" value={pickup} onChange={(e) => setPickup(e.target.value as Delivery)} data-testid="approve-pickup">
          {(['window', 'ems'] as const).map((d) => (
            <FormControlLabel
              key={d}
              value={d}
              control={<Radio slotProps={{ input: { 'data-testid': `approve-pickup-${d}` } as object }} />}
              label={t(`delivery.${d}`)}
              disabled={!props.allowed.includes(d)}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <Typography variant="body2" color="text.secondary">
        {t('dialog.approveCitizenPref', { pref: t(`delivery.${props.preference}`) })}
      </Typography>
    </DialogFrame>
  );
}
