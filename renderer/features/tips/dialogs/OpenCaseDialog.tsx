import { useState } from 'react';
import { Alert, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { COMMAND_BODIES } from '#shared/domain/commands';
import type { Tip } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/** Whether a case number is one the command accepts (the command body's own schema decides). */
export function validCaseNumber(text: string): boolean {
  return COMMAND_BODIES.open_case.safeParse({ caseNumber: text }).success;
}

/** Open a case (立案) with the case number from the case system: capitals, digits and hyphens, 6–40. */
export function OpenCaseDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const valid = validCaseNumber(number);
  return (
    <DialogFrame
      open
      title={t('tips:dialog.openCaseTitle')}
      testId="open-case-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={!valid}
      confirmLabel={t('tips:action.openCase')}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'open_case', body: { caseNumber: number } })}
    >
      <TextField
        label={t('tips:openCase.number')}
        value={number}
        onChange={(e) => setNumber(e.target.value.toUpperCase().replace(/\s/g, ''))}
        autoFocus
        required
        error={number !== '' && !valid}
        helperText={t('tips:openCase.format')}
        slotProps={{ htmlInput: { 'data-testid': 'case-number', maxLength: 40, spellCheck: false } }}
      />
      <Alert severity="info" role="note">
        {t('tips:openCase.groupFollows')}
      </Alert>
    </DialogFrame>
  );
}
