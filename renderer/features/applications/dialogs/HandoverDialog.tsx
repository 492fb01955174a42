import { useState } from 'react';
import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Application } from '#shared/domain/items';
import { bridge } from '../../../app/bridge';
import { DialogFrame } from '../../workspace/DialogFrame';
import { IdNumberField, idNumberProblem } from '../../workspace/IdNumberField';
import type { DialogProps } from '../../workspace/types';

/**
 * Hand-over at the window: approval was online, the original ID is checked now (DOMAIN.md). The
 * number typed from the presented card goes to the exchange (hall.handOver), which compares it
 * with the applicant's; it is not queued or kept here.
 */
export function HandoverDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  const [idNumber, setIdNumber] = useState('');
  const ready = idNumberProblem(idNumber) === null;
  return (
    <DialogFrame
      open
      title={t('applications:dialog.handoverTitle')}
      testId="handover-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={!ready}
      onCancel={props.onClose}
      onConfirm={() => {
        void props.run(() => bridge()['hall.handOver']({ itemId: props.item.id, idNumber })).then((r) => {
          if (r) props.onClose();
        });
      }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('applications:dialog.handoverHint')}
      </Typography>
      <IdNumberField value={idNumber} onChange={setIdNumber} testId="handover-id-number" autoFocus />
    </DialogFrame>
  );
}
