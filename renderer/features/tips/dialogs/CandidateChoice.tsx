import { FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ItemIdSchema } from '#shared/domain/items';
import { currentLanguage } from '../../../app/i18n';
import { candidateReasonText, scorePercent } from '../reasons';
import type { CandidateView } from '../useTipRelations';

/** The value of the "another tip" choice; its id is typed. */
export const OTHER = 'other';

/** The tip id the choice names: a listed candidate, or the typed one when it is an id. */
export function chosenId(choice: string, typed: string): string | null {
  if (choice !== OTHER) return choice || null;
  const id = typed.trim().toUpperCase();
  return ItemIdSchema.safeParse(id).success ? id : null;
}

/** Pick one candidate (with its score and why), or type another tip's id. Test ids `choice-<id>`, `choice-other`, `choice-other-id`. */
export function CandidateChoice(props: Readonly<{ candidates: readonly CandidateView[]; choice: string; typed: string; onChoice: (v: string) => void; onTyped: (v: string) => void; label: string }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <>
      <RadioGroup value={props.choice} onChange={(e) => props.onChoice(e.target.value)} aria-label={props.label}>
        {props.candidates.map((c) => (
          <FormControlLabel
            key={c.id}
            value={c.id}
            control={<Radio size="small" slotProps={{ input: { 'data-testid': `choice-${c.id}` } as object }} />}
            label={
              <Typography variant="body2">
                {c.id} · {scorePercent(c.score)} · {c.reasons.map((r) => candidateReasonText(r, t, lang)).join(t('tips:listSeparator'))}
              </Typography>
            }
          />
        ))}
        <FormControlLabel value={OTHER} control={<Radio size="small" slotProps={{ input: { 'data-testid': 'choice-other' } as object }} />} label={t('tips:candidates.otherId')} />
      </RadioGroup>
      {props.choice === OTHER && (
        <TextField
          label={t('tips:candidates.otherIdLabel')}
          value={props.typed}
          onChange={(e) => props.onTyped(e.target.value)}
          autoFocus
          placeholder="TIP-410100-1"
          slotProps={{ htmlInput: { 'data-testid': 'choice-other-id', maxLength: 30, spellCheck: false } }}
        />
      )}
    </>
  );
}
