import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase, LiabilityClass } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { useOfficerLabel } from './officerName';
import { className, proposalFor, needsJudgement, scenarioName } from './liability';
import { partyLetter } from './photos';

const CLASS_COLOR: Readonly<Record<LiabilityClass, 'error' | 'warning' | 'info' | 'default' | 'success'>> = {
  full: 'error',
  primary: 'warning',
  equal: 'info',
  secondary: 'default',
  none: 'success',
};

export function ClassChip(props: Readonly<{ cls: LiabilityClass; testId?: string; size?: 'small' | 'medium' }>) {
  const { t } = useTranslation();
  return <Chip size={props.size ?? 'small'} color={CLASS_COLOR[props.cls]} variant="outlined" label={className(props.cls, t)} data-testid={props.testId} data-class={props.cls} />;
}

/**
 * The liability step: each party's situations from the versioned table (shared/data/liability-table.ts),
 * the console's proposal with its reason, and — once decided — what the officer determined and
 * why it departs from the proposal. The proposal is a proposal: D opens the dialog where the
 * officer confirms or overrides it.
 */
export function LiabilityPanel(props: Readonly<{ item: AccidentCase }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const nameOf = useOfficerLabel();
  const { parties, determination } = props.item.data;
  const proposal = proposalFor(props.item);
  const judge = needsJudgement(proposal);
  return (
    <Box data-testid="liability-panel">
      <Table size="small" sx={{ '& td, & th': { px: 0.75, py: 0.4 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('accidents:liability.party')}</TableCell>
            <TableCell>{t('accidents:liability.situations')}</TableCell>
            <TableCell>{t('accidents:liability.proposed')}</TableCell>
            {determination && <TableCell>{t('accidents:liability.determined')}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {parties.map((p, i) => (
            <TableRow key={i} data-testid={`liability-party-${i}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {t('accidents:party.short', { party: partyLetter(i, t) })} <Box component="span" sx={{ color: 'text.secondary' }}>{p.plate}</Box>
              </TableCell>
              <TableCell>{p.situations.length > 0 ? p.situations.map((s) => scenarioName(s, lang, t)).join(t('accidents:listSeparator')) : t('accidents:liability.noSituation')}</TableCell>
              <TableCell>
                <ClassChip cls={proposal.liabilities[i] ?? 'equal'} testId={`liability-proposed-${i}`} />
              </TableCell>
              {determination && (
                <TableCell>
                  <ClassChip cls={determination.liabilities[i] ?? 'equal'} testId={`liability-determined-${i}`} />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }} data-testid="liability-reason">
        {t('accidents:liability.basis', { scenario: scenarioName(proposal.scenario, lang, t), reason: proposal.reasons.map((r) => t(`accidents:liability.reason.${r}`)).join(t('accidents:listSeparator')), version: proposal.tableVersion })}
      </Typography>
      {judge && !determination && (
        <Alert severity="warning" role="note" sx={{ mt: 0.5, py: 0 }} data-testid="liability-judge">
          {t('accidents:liability.judge')}
        </Alert>
      )}
      {determination && (
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="liability-decision">
          {determination.overrideReason
            ? t('accidents:liability.overridden', { reason: determination.overrideReason })
            : t('accidents:liability.asProposed')}
          <Box component="span" sx={{ color: 'text.secondary', ml: 0.75 }}>
            {t('accidents:liability.decidedBy', { name: nameOf(determination.decidedBy), time: formatDateTime(determination.decidedAt) })}
          </Box>
        </Typography>
      )}
    </Box>
  );
}
