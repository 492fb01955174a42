import type { ReactNode } from 'react';
import { Alert, Box, Chip, Divider, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { isRouteOverdue } from '#shared/rules/tipRouting';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import { useOfficerName } from '../../app/officers';
import { NotesList } from '../workspace/NotesList';
import type { DetailProps } from '../workspace/types';
import { ACTION_TEST_ID, SHORTCUT } from './actions';
import { CandidatesPanel } from './CandidatesPanel';
import { LEVEL_COLOR } from './columns';
import { GroupPanel } from './GroupPanel';
import { HighlightedText } from './HighlightedText';
import { MessagesPanel } from './MessagesPanel';
import { categoryName, urgencyReasonText } from './reasons';
import { useTipRelations } from './useTipRelations';

function Section(props: Readonly<{ title: string; children: ReactNode; testId?: string }>) {
  return (
    <Box data-testid={props.testId}>
      <Divider textAlign="left" sx={{ mb: 0.5 }}>
        <Typography variant="caption">{props.title}</Typography>
      </Divider>
      {props.children}
    </Box>
  );
}

/** Where the tip stands: routed (with the unit's deadline, overdue or not), case opened, closed, merged into a group. */
function Records(props: Readonly<{ tip: Tip; now: Date }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const nameOf = useOfficerName();
  const d = props.tip.data;
  const overdue = isRouteOverdue(props.tip, props.now.getTime());
  return (
    <>
      {d.duplicateOf && (
        <Alert severity="info" role="status" sx={{ py: 0 }} data-testid="record-duplicate">
          {t('tips:record.duplicateOf', { id: d.duplicateOf })}
        </Alert>
      )}
      {d.routedTo && (
        <Alert severity={overdue ? 'warning' : 'info'} role="status" sx={{ py: 0 }} data-testid="record-routed" data-overdue={overdue ? 'true' : 'false'}>
          {t('tips:record.routed', { unit: localUnitName(d.routedTo, lang), time: formatDateTime(d.routedAt) })}
          {props.tip.dueAt && (
            <Typography variant="caption" component="p" sx={{ fontWeight: overdue ? 700 : 400 }}>
              {t(overdue ? 'tips:record.overdue' : 'tips:record.deadline', { time: formatDateTime(props.tip.dueAt) })}
            </Typography>
          )}
        </Alert>
      )}
      {d.caseNumber && (
        <Alert severity="success" role="status" sx={{ py: 0 }} data-testid="record-case">
          {t('tips:record.case', { number: d.caseNumber })}
        </Alert>
      )}
      {d.closure && (
        <Alert severity="warning" role="status" sx={{ py: 0 }} data-testid="record-closure">
          {t('tips:record.closed', { time: formatDateTime(d.closure.at), who: nameOf(d.closure.by) ?? d.closure.by })}
          <Typography variant="caption" component="p">
            {d.closure.reason}
          </Typography>
        </Alert>
      )}
    </>
  );
}

/**
 * The tip as the intelligence officer reads it, in the order of the decision: what and how urgent
 * (the level, score and reasons, the text with the signal words marked), where, who reported it
 * (masked; the eye reveals, audited), what became of it, the possible duplicates side by side,
 * its duplicate group, the thread with the reporter, and the notes. Photos are in the viewer below.
 */
export function TipDetail(props: Readonly<DetailProps<Tip>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { item } = props;
  const d = item.data;
  const relations = useTipRelations(item);
  const open = relations.candidates.filter((c) => !c.linked).length;
  return (
    <Stack spacing={1}>
      <Box>
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
          <Chip
            size="small"
            label={t('tips:urgency.chip', { level: t(`tips:level.${d.urgency.level}`), score: d.urgency.score })}
            data-testid="tip-urgency"
            data-level={d.urgency.level}
            sx={{ bgcolor: LEVEL_COLOR[d.urgency.level], color: '#fff', fontWeight: 700, height: 22 }}
          />
          <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="tip-category">
            {categoryName(d.category, lang)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t('tips:case.received', { time: formatDateTime(item.submittedAt) })}
          </Typography>
        </Stack>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mt: 0.5 }} data-testid="tip-reasons">
          {d.urgency.reasons.map((r) => (
            <Chip key={r} size="small" variant="outlined" label={urgencyReasonText(r, t, lang)} data-code={r} sx={{ height: 20 }} />
          ))}
        </Stack>
      </Box>

      <Records tip={item} now={props.now} />

      <Section title={t('tips:section.content')}>
        <Typography variant="body2" component="div">
          <HighlightedText text={d.content} category={d.category} testId="tip-content" />
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }} data-testid="tip-place">
          {d.location ? d.location.address : t('tips:case.noPlace')}
          {d.location && d.location.lat !== null && d.location.lng !== null && ` · ${d.location.lat.toFixed(5)}, ${d.location.lng.toFixed(5)}`}
        </Typography>
      </Section>

      <Section title={t('tips:section.reporter')}>
        <Typography variant="body2" component="div" data-testid="tip-reporter">
          {d.reporter.anonymous ? (
            t('tips:reporter.anonymous')
          ) : (
            <>
              {d.reporter.nameMasked || t('tips:reporter.noName')}
              <Box component="span" sx={{ ml: 0.75, fontVariantNumeric: 'tabular-nums' }}>
                {d.reporter.phoneMasked}
              </Box>
            </>
          )}
          {props.canAction('reveal') && (
            <Tooltip title={t('workspace:action.withKey', { label: t('tips:action.reveal'), key: SHORTCUT.reveal })}>
              <IconButton size="small" sx={{ p: 0.25, ml: 0.5, mt: -0.25 }} onClick={() => props.onAction('reveal')} aria-label={t('tips:action.reveal')} data-testid={`${ACTION_TEST_ID.reveal}-icon`}>
                <VisibilityIcon sx={{ fontSize: 16 }} />
              </IconButton>
            </Tooltip>
          )}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {t('tips:reporter.protected')}
        </Typography>
      </Section>

      <Section title={open > 0 ? t('tips:section.candidatesCount', { count: open }) : t('tips:section.candidates')} testId="candidates-section">
        <CandidatesPanel tip={item} candidates={relations.candidates} loaded={relations.loaded} canAction={props.canAction} onAction={props.onAction} />
      </Section>

      {relations.group.length > 1 && (
        <Section title={t('tips:section.group', { count: relations.group.length })}>
          <GroupPanel tip={item} members={relations.group} />
        </Section>
      )}

      <Section title={t('tips:section.messages')}>
        <MessagesPanel tip={item} canReply={props.canAction('reply')} busy={props.busy} onCommand={props.onCommand} />
      </Section>

      <Section title={t('workspace:pane.notes')}>
        <NotesList notes={item.notes} />
      </Section>
    </Stack>
  );
}
