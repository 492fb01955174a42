import { useState } from 'react';
import { FormControl, FormLabel, MenuItem, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TipCategorySchema, UrgencyLevelSchema, type Tip, type TipCategory, type UrgencyLevel } from '#shared/domain/items';
import { currentLanguage } from '../../../app/i18n';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { categoryName } from '../reasons';

/** Re-triage: the officer's category and level override the first estimate, with the reason (kept as a note). */
export function TriageDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [category, setCategory] = useState<TipCategory>(props.item.data.category);
  const [level, setLevel] = useState<UrgencyLevel>(props.item.data.urgency.level);
  const [reason, setReason] = useState('');
  const missing = reason.trim() === '';
  return (
    <DialogFrame
      open
      title={t('tips:dialog.triageTitle')}
      testId="triage-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={missing}
      confirmLabel={t('tips:action.triage')}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'triage', body: { category, urgencyLevel: level, reason: reason.trim() } })}
    >
      <TextField select label={t('tips:triage.category')} value={category} onChange={(e) => setCategory(e.target.value as TipCategory)} slotProps={{ htmlInput: { 'data-testid': 'triage-category' } }}>
        {TipCategorySchema.options.map((c) => (
          <MenuItem key={c} value={c}>
            {categoryName(c, lang)}
          </MenuItem>
        ))}
      </TextField>
      <FormControl>
        <FormLabel sx={{ mb: 0.5, fontSize: 13 }}>{t('tips:triage.level')}</FormLabel>
        <ToggleButtonGroup exclusive value={level} onChange={(_e, v: UrgencyLevel | null) => v && setLevel(v)} color="primary" data-testid="triage-level">
          {UrgencyLevelSchema.options.map((l) => (
            <ToggleButton key={l} value={l} data-testid={`triage-level-${l}`} sx={{ px: 2 }}>
              {t(`tips:level.${l}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </FormControl>
      <TextField
        label={t('tips:triage.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        required
        multiline
        minRows={2}
        helperText={missing ? t('tips:triage.reasonRequired') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'triage-reason', maxLength: 500 } }}
      />
    </DialogFrame>
  );
}
