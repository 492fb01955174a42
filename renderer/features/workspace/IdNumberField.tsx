import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isValidIdNumber } from '#shared/rules/idNumber';

/** What the field holds: spaces dropped, a lower-case x raised (a card reader or a hand types either). */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().slice(0, 18);
}

/** Why the typed number cannot be sent yet (null: it can), checked as the officer types. */
export function idNumberProblem(value: string): 'incomplete' | 'checksum' | null {
  if (value.length < 18) return 'incomplete';
  return isValidIdNumber(value) ? null : 'checksum';
}

/**
 * The resident ID number typed from a presented card, by hand or by a reader that types it and
 * Enter. The GB 11643 check character is verified at once; the number itself is only passed on,
 * never shown back elsewhere or stored (autocomplete off, no spellcheck).
 */
export function IdNumberField(props: Readonly<{ value: string; onChange: (v: string) => void; testId: string; autoFocus?: boolean; label?: string }>) {
  const { t } = useTranslation();
  const problem = idNumberProblem(props.value);
  const showProblem = props.value.length > 0 && (problem === 'checksum' || (problem === 'incomplete' && props.value.length >= 18));
  return (
    <TextField
      label={props.label ?? t('app:idNumber.label')}
      value={props.value}
      onChange={(e) => props.onChange(normalizeIdNumber(e.target.value))}
      autoFocus={props.autoFocus}
      autoComplete="off"
      fullWidth
      error={problem === 'checksum'}
      helperText={problem === 'checksum' ? t('app:idNumber.checksum') : problem === 'incomplete' && props.value.length > 0 ? t('app:idNumber.incomplete', { n: 18 - props.value.length }) : t('app:idNumber.hint')}
      slotProps={{ htmlInput: { 'data-testid': props.testId, spellCheck: false, inputMode: 'text', maxLength: 22, style: { fontFamily: 'monospace', letterSpacing: '0.08em' } } }}
      data-problem={showProblem ? problem : undefined}
    />
  );
}
