import { useState } from 'react';
import { Alert, Checkbox, FormControlLabel, FormGroup, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ExclusionCodeSchema, type AccidentCase, type ExclusionCode } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { exclusionsOf } from '../reasons';

/**
 * To on-scene handling: the quick procedure does not apply. The conditions the case shows
 * (shared/rules/quickProcedure.ts — the parties' declarations and papers) are ticked already, so
 * Enter refers with them; the officer may tick what else they found (a dispute, damage …).
 */
export function ReferDialog(props: Readonly<DialogProps<AccidentCase>>) {
  const { t } = useTranslation();
  const found = exclusionsOf(props.item);
  const [ticked, setTicked] = useState<ReadonlySet<ExclusionCode>>(() => new Set(found));
  const [note, setNote] = useState('');
  const reasons = ExclusionCodeSchema.options.filter((c) => ticked.has(c));
  const toggle = (code: ExclusionCode, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  return (
    <DialogFrame
      open
      title={t('accidents:dialog.referTitle')}
      testId="refer-dialog"
      error={props.error}
      busy={props.busy}
      confirmColor="error"
      confirmLabel={t('accidents:action.refer')}
      confirmDisabled={reasons.length === 0}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'refer', body: { reasons, note: note.trim() } })}
    >
      {found.length > 0 ? (
        <Alert severity="warning" role="note">
          {t('accidents:dialog.referFound')}
        </Alert>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('accidents:dialog.referNoneFound')}
        </Typography>
      )}
      <FormGroup>
        {ExclusionCodeSchema.options.map((c) => (
          <FormControlLabel
            key={c}
            label={found.includes(c) ? t('accidents:dialog.referFromCase', { reason: t(`accidents:exclusion.${c}`) }) : t(`accidents:exclusion.${c}`)}
            control={<Checkbox size="small" checked={ticked.has(c)} onChange={(e) => toggle(c, e.target.checked)} slotProps={{ input: { 'data-testid': `refer-reason-${c}` } as object }} />}
          />
        ))}
      </FormGroup>
      <TextField
        label={t('accidents:dialog.referNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { 'data-testid': 'refer-note', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
