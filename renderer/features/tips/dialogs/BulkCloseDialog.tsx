import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogFrame } from '../../workspace/DialogFrame';
import { BulkOutcome, useBulkRun } from '../../workspace/BulkRun';
import type { BulkDialogProps } from '../../workspace/types';
import { CloseReasonField } from './CloseDialog';

/** Close the ticked tips with one reason: each claimed if needed, then closed; refusals listed with why. */
export function BulkCloseDialog(props: Readonly<BulkDialogProps>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(() => t('tips:close.reason.unfounded'));
  const run = useBulkRun(props.ids, props.officer, props.onDone);
  const finished = run.outcomes !== null;
  return (
    <DialogFrame
      open
      title={t('tips:bulk.closeTitle', { count: props.ids.length })}
      testId="bulk-close-dialog"
      error={null}
      busy={run.running}
      confirmDisabled={reason.trim() === ''}
      hideConfirm={finished}
      cancelLabel={finished ? t('app:close') : undefined}
      confirmLabel={t('tips:bulk.close')}
      confirmColor="error"
      onCancel={props.onClose}
      onConfirm={() => run.start(() => ({ type: 'close', body: { reason: reason.trim() } }))}
    >
      <CloseReasonField value={reason} onChange={setReason} autoFocus />
      <BulkOutcome run={run} total={props.ids.length} officer={props.officer} />
    </DialogFrame>
  );
}
