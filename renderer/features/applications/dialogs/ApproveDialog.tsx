import { useState } from 'react';
import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { findService } from '#shared/data/catalogue';
import type { Application, Delivery } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/** The delivery to preselect: the citizen's own choice when the service offers it, else the first it offers. */
export function preselectedDelivery(preference: Delivery, allowed: readonly Delivery[]): Delivery {
  return allowed.includes(preference) ? preference : (allowed[0] ?? preference);
}

/** Approve with a delivery, preselected, so Enter confirms the approval (the third key of N, A, Enter). */
export function ApproveDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  const allowed = findService(props.item.data.serviceCode)?.delivery ?? (['window', 'ems'] as const);
  const preference = props.item.data.delivery;
  const [pickup, setPickup] = useState<Delivery>(() => preselectedDelivery(preference, allowed));
  return (
    <DialogFrame
      open
      title={t('applications:dialog.approveTitle')}
      testId="approve-dialog"
      error={props.error}
      busy={props.busy}
      confirmLabel={t('applications:action.approve')}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'decide', body: { outcome: 'approve', pickup } })}
    >
      <FormControl>
        <FormLabel id="approve-pickup-label">{t('applications:dialog.approvePickup')}</FormLabel>
        <RadioGroup row aria-labelledby="approve-pickup-label" value={pickup} onChange={(e) => setPickup(e.target.value as Delivery)} data-testid="approve-pickup">
          {(['window', 'ems'] as const).map((d) => (
            <FormControlLabel
              key={d}
              value={d}
              control={<Radio slotProps={{ input: { 'data-testid': `approve-pickup-${d}` } as object }} />}
              label={t(`domain:delivery.${d}`)}
              disabled={!allowed.includes(d)}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <Typography variant="body2" color="text.secondary">
        {t('applications:dialog.approveCitizenPref', { pref: t(`domain:delivery.${preference}`) })}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {t('applications:dialog.approveEnter')}
      </Typography>
    </DialogFrame>
  );
}
