import type { ReactNode } from 'react';
import { Alert, Box, Button, Divider, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { useOfficerName } from '../../app/officers';
import type { DetailProps } from '../workspace/types';
import { SHORTCUT, ACTION_TEST_ID } from './actions';
import { ageMs, formatAge, overTarget, useSecondClock } from './age';
import { coordinates } from './findings';
import { FindingsPanel } from './FindingsPanel';
import { LiabilityPanel } from './LiabilityPanel';
import { PartiesPanel } from './PartiesPanel';
import { PhotoChecklist } from './PhotoChecklist';
import { photoName } from './photos';
import { exclusionNames, exclusionsOf } from './reasons';

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

/** Minutes since the report against the five-minute target, each second while the case is open. */
function CaseAge(props: Readonly<{ item: AccidentCase }>) {
  const { t } = useTranslation();
  const d = props.item.data;
  const clearedAt = d.determination?.decidedAt ?? d.referral?.at ?? null;
  const live = clearedAt === null && (props.item.status === 'reported' || props.item.status === 'photos_requested');
  const now = useSecondClock(live);
  if (!live && clearedAt === null) return null;
  const ms = ageMs({ submittedAt: props.item.submittedAt, clearedAt }, now || Date.now());
  const late = overTarget(ms);
  return (
    <Box component="span" data-testid="case-age" data-over-target={late ? 'true' : 'false'} sx={{ fontWeight: 700, color: late ? (live ? 'error.main' : 'text.secondary') : 'success.main', fontVariantNumeric: 'tabular-nums' }}>
      {clearedAt ? t('accidents:age.took', { age: formatAge(ms, t) }) : t('accidents:age.since', { age: formatAge(ms, t) })}
      <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary', ml: 0.5 }}>
        {t('accidents:age.target')}
      </Box>
    </Box>
  );
}

/**
 * The case as the traffic officer reads it, in the order of the decision: where and when (with
 * the clock against the five-minute target), whether the quick procedure applies at all, which
 * photos are there and what forensics noticed, the proposed liability, the parties side by side.
 */
export function AccidentDetail(props: Readonly<DetailProps<AccidentCase>>) {
  const { t } = useTranslation();
  const nameOf = useOfficerName();
  const { item } = props;
  const d = item.data;
  const excluded = exclusionsOf(item);
  return (
    <Stack spacing={1}>
      <Box>
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="case-place">
          {d.location.address}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          {t('accidents:case.times', { occurred: formatDateTime(d.occurredAt), reported: formatDateTime(item.submittedAt) })}
          <Box component="span" sx={{ ml: 0.75 }}>
            {coordinates(d.location.lat, d.location.lng)}
          </Box>
        </Typography>
        <Typography variant="body2" component="div">
          <CaseAge item={item} />
        </Typography>
      </Box>

      {excluded.length > 0 && (
        <Alert
          severity="error"
          role="status"
          data-testid="exclusions"
          action={
            props.canAction('refer') ? (
              <Button color="inherit" size="small" onClick={() => props.onAction('refer')} data-testid={`${ACTION_TEST_ID.refer}-banner`} sx={{ whiteSpace: 'nowrap' }}>
                {t('workspace:action.withKey', { label: t('accidents:action.refer'), key: SHORTCUT.refer })}
              </Button>
            ) : undefined
          }
        >
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {t('accidents:exclusions.title')}
          </Typography>
          <Typography variant="body2" sx={{ '&::first-letter': { textTransform: 'uppercase' } }}>
            {exclusionNames(excluded, t)}
          </Typography>
          <Typography variant="caption">{t('accidents:exclusions.onlyRefer')}</Typography>
        </Alert>
      )}

      {d.photoRequest && (
        <Alert severity="info" role="status" sx={{ py: 0 }} data-testid="record-photo-request">
          {t('accidents:record.photoRequest', { time: formatDateTime(d.photoRequest.requestedAt), photos: d.photoRequest.missing.map((c) => photoName(c, t)).join(t('accidents:listSeparator')) })}
          {d.photoRequest.note && <Typography variant="caption" component="p">{d.photoRequest.note}</Typography>}
        </Alert>
      )}
      {d.referral && (
        <Alert severity="warning" role="status" sx={{ py: 0 }} data-testid="record-referral">
          {t('accidents:record.referral', { time: formatDateTime(d.referral.at), reasons: exclusionNames(d.referral.reasons, t) })}
          {d.referral.note && <Typography variant="caption" component="p">{d.referral.note}</Typography>}
        </Alert>
      )}

      <Section title={t('accidents:section.photos')}>
        <PhotoChecklist item={item} detail={props.detail} onShow={props.showAttachment} />
      </Section>
      <Section title={t('accidents:section.findings')}>
        <FindingsPanel item={item} detail={props.detail} online={props.online} onShow={props.showAttachment} />
      </Section>
      <Section title={t('accidents:section.liability')}>
        <LiabilityPanel item={item} />
      </Section>
      <Section title={t('accidents:section.parties')}>
        <PartiesPanel item={item} canReveal={props.canAction('reveal')} onReveal={(i) => props.onAction('reveal', String(i))} />
      </Section>
      <Section title={t('workspace:pane.notes')}>
        {item.notes.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('workspace:pane.noNotes')}
          </Typography>
        ) : (
          item.notes.map((n) => (
            <Box key={`${n.at}-${n.by}`} data-testid="note">
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(n.at)} · {nameOf(n.by) ? t('workspace:pane.claimedByOther', { name: nameOf(n.by), badge: n.by }) : n.by}
              </Typography>
              <Typography variant="body2">{n.text}</Typography>
            </Box>
          ))
        )}
      </Section>
    </Stack>
  );
}
