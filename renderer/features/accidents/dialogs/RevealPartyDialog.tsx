import { useState } from 'react';
import { Alert, Box, FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase } from '#shared/domain/items';
import { bridge } from '../../../app/bridge';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { partyLetter } from '../photos';

/**
 * One party's full ID number, as for applications: a reason is required and the exchange audits
 * the reveal (so it needs the network). Opened from a party's eye icon, that party is chosen.
 */
export function RevealPartyDialog(props: Readonly<DialogProps<AccidentCase>>) {
  const { t } = useTranslation();
  const parties = props.item.data.parties;
  const [party, setParty] = useState(() => {
    const asked = Number(props.param);
    return Number.isInteger(asked) && asked >= 0 && asked < parties.length ? asked : 0;
  });
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const tooShort = reason.trim().length < 2;
  const reveal = () => {
    void props.run(() => bridge()['items.reveal']({ itemId: props.item.id, field: 'idNumber', partyIdx: party, reason: reason.trim() })).then((r) => r && setValue(r.value));
  };
  return (
    <DialogFrame
      open
      title={t('accidents:dialog.revealTitle')}
      testId="reveal-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={tooShort}
      hideConfirm={value !== null}
      cancelLabel={value !== null ? t('app:close') : undefined}
      onCancel={props.onClose}
      onConfirm={reveal}
    >
      <Alert severity="warning" role="note">
        {t('accidents:dialog.revealExplain')}
      </Alert>
      <RadioGroup row value={String(party)} onChange={(e) => setParty(Number(e.target.value))} aria-label={t('accidents:dialog.revealParty')}>
        {parties.map((p, i) => (
          <FormControlLabel
            key={i}
            value={String(i)}
            disabled={value !== null}
            control={<Radio size="small" slotProps={{ input: { 'data-testid': `reveal-party-${i}` } as object }} />}
            label={`${t('accidents:party.short', { party: partyLetter(i, t) })} ${p.name} ${p.idNumberMasked}`}
          />
        ))}
      </RadioGroup>
      <TextField
        label={t('accidents:dialog.revealReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        disabled={value !== null}
        helperText={tooShort ? t('accidents:dialog.revealReasonTooShort') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'reveal-reason', maxLength: 200 } }}
      />
      {value !== null && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            {t('accidents:dialog.revealResult', { party: partyLetter(party, t) })}
          </Typography>
          <Typography data-testid="reveal-value" sx={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 1 }}>
            {value}
          </Typography>
        </Box>
      )}
    </DialogFrame>
  );
}
