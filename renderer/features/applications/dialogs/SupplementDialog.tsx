import { useState } from 'react';
import { Alert, Checkbox, FormControlLabel, FormGroup, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { findService } from '#shared/data/catalogue';
import type { Application } from '#shared/domain/items';
import { missingMaterials } from '#shared/rules/effects';
import { currentLanguage } from '../../../app/i18n';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

/**
 * 一次性告知: the officer names everything missing in ONE notice, so the citizen is never sent back
 * twice. The materials without a scan (the core's own `missingMaterials`) start ticked; the
 * officer may add any other.
 */
export function SupplementDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const materials = findService(props.item.data.serviceCode)?.materials ?? [];
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(missingMaterials(props.item)));
  const [note, setNote] = useState('');
  const toggle = (code: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  // keep the catalogue order in the notice
  const chosen = materials.map((m) => m.code).filter((c) => ticked.has(c));
  return (
    <DialogFrame
      open
      title={t('applications:dialog.supplementTitle')}
      testId="supplement-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={chosen.length === 0}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'request_supplement', body: { missing: chosen, note: note.trim() } })}
    >
      <Typography variant="body2" color="text.secondary">
        {t('applications:dialog.supplementHint')}
      </Typography>
      <FormGroup>
        {materials.map((m) => (
          <FormControlLabel
            key={m.code}
            label={lang === 'en' ? m.nameEn : m.name}
            control={
              <Checkbox
                checked={ticked.has(m.code)}
                onChange={(e) => toggle(m.code, e.target.checked)}
                slotProps={{ input: { 'data-testid': `supplement-material-${m.code}` } as object }}
              />
            }
          />
        ))}
      </FormGroup>
      {chosen.length === 0 && (
        <Alert severity="info" role="status">
          {t('applications:dialog.supplementNone')}
        </Alert>
      )}
      <TextField
        label={t('applications:dialog.supplementNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { 'data-testid': 'supplement-note', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
