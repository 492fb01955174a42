import { useState } from 'react';
import { Alert, Checkbox, FormControlLabel, FormGroup, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { MaterialDef } from '#shared/data/catalogue';
import type { BridgeCallError } from '../../../app/bridge';
import { currentLanguage } from '../../../app/i18n';
import { DialogFrame } from './DialogFrame';

export interface SupplementDialogProps {
  open: boolean;
  materials: readonly MaterialDef[];
  /** Codes the citizen did not supply: ticked to start with. */
  missing: readonly string[];
  error: BridgeCallError | null;
  busy: boolean;
  onConfirm: (body: { missing: string[]; note: string }) => void;
  onCancel: () => void;
}

/**
 * 一次性告知: the officer names everything missing in ONE notice, so the citizen is never sent back
 * twice. The missing materials start ticked; the officer may add any other.
 */
export function SupplementDialog(props: Readonly<SupplementDialogProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(props.missing));
  const [note, setNote] = useState('');
  const toggle = (code: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  // keep the catalogue order in the notice
  const chosen = props.materials.map((m) => m.code).filter((c) => ticked.has(c));
  return (
    <DialogFrame
      open={props.open}
      title={t('dialog.supplementTitle')}
      testId="supplement-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={chosen.length === 0}
      onCancel={props.onCancel}
      onConfirm={() => props.onConfirm({ missing: chosen, note: note.trim() })}
    >
      <Typography variant="body2" color="text.secondary">
        {t('dialog.supplementHint')}
      </Typography>
      <FormGroup>
        {props.materials.map((m) => (
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
      {chosen.length === 0 && <Alert severity="info" role="status">{t('dialog.supplementNone')}</Alert>}
      <TextField
        label={t('dialog.supplementNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { 'data-testid': 'supplement-note', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
