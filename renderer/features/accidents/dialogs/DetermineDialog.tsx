import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase, LiabilityClass } from '#shared/domain/items';
import { LIABILITY_SCENARIOS } from '#shared/rules/liability';
import { isTyping } from '../../../app/hooks';
import { currentLanguage } from '../../../app/i18n';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { CLASS_ORDER, className, classOfKey, determineProblem, differsFromProposal, needsJudgement, proposalFor, scenarioName, withClass } from '../liability';
import { partyLetter } from '../photos';

/**
 * The determination: each party's liability class, preset to the console's proposal so a standard
 * case is confirmed with Enter (N, D, Enter from the queue). ↑/↓ pick a party, 1–5 set its class
 * (全部 主要 同等 次要 无); with two parties the other follows to the only valid partner. Only a
 * valid combination can be sent, and one that departs from the proposal needs a reason — the
 * rules of shared/rules/liability.ts, which the command core checks again. When nobody has a
 * listed situation the proposal is a placeholder: nothing is preset and the officer decides.
 */
export function DetermineDialog(props: Readonly<DialogProps<AccidentCase>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { item } = props;
  const proposal = useMemo(() => proposalFor(item), [item]);
  const judge = needsJudgement(proposal);
  const [classes, setClasses] = useState<(LiabilityClass | null)[]>(() => (judge ? proposal.liabilities.map(() => null) : [...proposal.liabilities]));
  const [party, setParty] = useState(0);
  const [scenario, setScenario] = useState<string | null>(proposal.scenario);
  const [reason, setReason] = useState('');
  const count = item.data.parties.length;
  const problem = determineProblem(classes, proposal, reason);
  const complete = classes.every((c): c is LiabilityClass => c !== null);
  const overridden = complete && differsFromProposal(classes, proposal);

  const setClass = (idx: number, cls: LiabilityClass) =>
    setClasses((prev) => {
      // two parties: the other follows (withClass); three: only the chosen one changes
      if (prev.length === 2) return withClass(['none', 'none'], idx, cls);
      const next = [...prev];
      next[idx] = cls;
      return next;
    });

  // 1–5 and ↑/↓ anywhere in the dialog but a text field or the scenario list
  const keys = useRef({ party, count, setClass });
  keys.current = { party, count, setClass };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const k = keys.current;
      const cls = classOfKey(e.key);
      if (cls) {
        e.preventDefault();
        k.setClass(k.party, cls);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setParty((p) => (p + (e.key === 'ArrowDown' ? 1 : k.count - 1)) % k.count);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <DialogFrame
      open
      title={t('accidents:dialog.determineTitle')}
      testId="determine-dialog"
      error={props.error}
      busy={props.busy}
      confirmLabel={t('accidents:action.determine')}
      confirmDisabled={problem !== null}
      onCancel={props.onClose}
      onConfirm={() =>
        complete &&
        props.onCommand({ type: 'decide', body: { outcome: 'determine', liabilities: classes, scenario, overrideReason: overridden ? reason.trim() : null } })
      }
    >
      <Alert severity={judge ? 'warning' : 'info'} role="note" data-testid="determine-proposal">
        {judge
          ? t('accidents:liability.judge')
          : t('accidents:dialog.proposal', {
              classes: proposal.liabilities.map((c, i) => `${t('accidents:party.short', { party: partyLetter(i, t) })} ${className(c, t)}`).join(t('accidents:listSeparator')),
              scenario: scenarioName(proposal.scenario, lang, t),
              reason: proposal.reasons.map((r) => t(`accidents:liability.reason.${r}`)).join(t('accidents:listSeparator')),
            })}
      </Alert>
      {item.data.findings.length > 0 && (
        <Alert severity="warning" role="note" sx={{ py: 0 }} data-testid="determine-findings">
          {t('accidents:dialog.findingsReminder', { count: item.data.findings.length })}
        </Alert>
      )}
      <Box role="group" aria-label={t('accidents:liability.classes')} data-testid="determine-classes">
        {item.data.parties.map((p, i) => (
          <Box
            key={i}
            onClick={() => setParty(i)}
            data-testid={`determine-party-${i}`}
            data-selected={party === i ? 'true' : 'false'}
            data-class={classes[i] ?? ''}
            sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1, py: 0.5, borderRadius: 1, border: 1, borderColor: party === i ? 'primary.main' : 'transparent', bgcolor: party === i ? '#eef4fb' : 'transparent' }}
          >
            <Typography variant="body2" sx={{ width: 150, flexShrink: 0, fontWeight: 600 }} noWrap>
              {t('accidents:party.short', { party: partyLetter(i, t) })} <Box component="span" sx={{ fontWeight: 400 }}>{p.plate}</Box>
            </Typography>
            <ToggleButtonGroup
              exclusive
              color="primary"
              size="small"
              value={classes[i] ?? null}
              onChange={(_e, v: LiabilityClass | null) => {
                setParty(i);
                if (v) setClass(i, v);
              }}
              aria-label={t('accidents:dialog.classOf', { party: partyLetter(i, t) })}
            >
              {CLASS_ORDER.map((c, k) => (
                <ToggleButton
                  key={c}
                  value={c}
                  data-testid={`determine-class-${i}-${c}`}
                  sx={{ px: 1, py: 0.25, whiteSpace: 'nowrap', '&.Mui-selected, &.Mui-selected:hover': { bgcolor: 'primary.main', color: 'primary.contrastText' }, '&.Mui-selected kbd': { color: 'inherit' } }}
                >
                  <Box component="kbd" sx={{ fontFamily: 'monospace', fontSize: 11, color: 'text.secondary', mr: 0.5 }}>
                    {k + 1}
                  </Box>
                  {className(c, t)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        ))}
      </Box>
      <TextField
        select
        label={t('accidents:dialog.scenario')}
        value={scenario ?? ''}
        onChange={(e) => setScenario(e.target.value === '' ? null : e.target.value)}
        slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'determine-scenario' }, inputLabel: { shrink: true } }}
      >
        <option value="">{t('accidents:liability.noScenario')}</option>
        {LIABILITY_SCENARIOS.map((s) => (
          <option key={s.code} value={s.code}>
            {lang === 'en' ? s.nameEn : s.name}
          </option>
        ))}
      </TextField>
      <TextField
        label={t('accidents:dialog.overrideReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        multiline
        minRows={2}
        required={overridden}
        error={problem === 'reasonMissing'}
        helperText={overridden ? t('accidents:dialog.overrideReasonRequired') : t('accidents:dialog.overrideReasonHint')}
        slotProps={{ htmlInput: { 'data-testid': 'determine-override-reason', maxLength: 1000 } }}
      />
      {problem === 'invalid' && (
        <Alert severity="error" role="status" data-testid="determine-invalid" sx={{ py: 0 }}>
          {t(count === 2 ? 'accidents:dialog.invalidTwo' : 'accidents:dialog.invalidThree')}
        </Alert>
      )}
      {problem === 'incomplete' && (
        <Typography variant="body2" color="text.secondary" role="status" data-testid="determine-incomplete">
          {t('accidents:dialog.incomplete')}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        {t('accidents:dialog.determineKeys')}
      </Typography>
    </DialogFrame>
  );
}
