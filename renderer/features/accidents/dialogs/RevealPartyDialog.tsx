import { useState } from 'react';
import { FormControlLabel, Radio, RadioGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase } from '#shared/domain/items';
import { bridge } from '../../../app/bridge';
import { RevealDialog } from '../../workspace/RevealDialog';
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
  return (
    <RevealDialog
      title={t('accidents:dialog.revealTitle')}
      explain={t('accidents:dialog.revealExplain')}
      reasonLabel={t('accidents:dialog.revealReason')}
      reasonTooShort={t('accidents:dialog.revealReasonTooShort')}
      resultLabel={t('accidents:dialog.revealResult', { party: partyLetter(party, t) })}
      error={props.error}
      busy={props.busy}
      onClose={props.onClose}
      reveal={(reason) => props.run(() => bridge()['items.reveal']({ itemId: props.item.id, field: 'idNumber', partyIdx: party, reason })).then((r) => r?.value)}
    >
      {(revealed) => (
        <RadioGroup row value={String(party)} onChange={(e) => setParty(Number(e.target.value))} aria-label={t('accidents:dialog.revealParty')}>
          {parties.map((p, i) => (
            <FormControlLabel
              key={i}
              value={String(i)}
              disabled={revealed}
              control={<Radio size="small" slotProps={{ input: { 'data-testid': `reveal-party-${i}` } as object }} />}
              label={`${t('accidents:party.short', { party: partyLetter(i, t) })} ${p.name} ${p.idNumberMasked}`}
            />
          ))}
        </RadioGroup>
      )}
    </RevealDialog>
  );
}
