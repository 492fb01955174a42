import type { ReactNode } from 'react';
import { Box, Divider, IconButton, List, ListItem, ListItemIcon, ListItemText, Stack, Tooltip, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useTranslation } from 'react-i18next';
import type { Application } from '#shared/domain/items';
import { findService } from '#shared/data/catalogue';
import { deadlineClockRuns } from '#shared/domain/status';
import { missingMaterials } from '#shared/rules/effects';
import { formatDate, formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { materialName, serviceName } from '../../app/i18n/names';
import { useOfficerName } from '../../app/officers';
import type { DetailProps } from '../workspace/types';
import { ACTION_TEST_ID, SHORTCUT } from './actions';
import { daysLeftCached, urgencyOf } from './daysLeft';

function Field(props: Readonly<{ label: string; children: ReactNode; testId?: string }>) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(84px, 28%) 1fr', columnGap: 1, py: 0.2 }}>
      <Typography variant="body2" color="text.secondary">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" data-testid={props.testId} sx={{ wordBreak: 'break-word' }}>
        {props.children}
      </Typography>
    </Box>
  );
}

const URGENCY_COLOR = { overdue: 'error.main', soon: 'warning.main', ok: 'text.primary' } as const;

/** The application as the officer reads it: applicant (masked), form, deadline, materials, notes. */
export function ApplicationDetail(props: Readonly<DetailProps<Application>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const nameOf = useOfficerName();
  const { item } = props;
  const d = item.data;
  const service = findService(d.serviceCode);
  // the same rule the core applies before an approval: a listed code without a scan is missing
  const missing = new Set(missingMaterials(item));
  const days = deadlineClockRuns(item) ? daysLeftCached(item.dueAt, props.now.toISOString()) : null;
  // What the decision needs comes first (service, applicant, deadline, materials); contact
  // details and the form follow, so at 720 px the checklist is on screen beside the scans.
  return (
    <Stack spacing={0.75}>
      <Box>
        <Field label={t('applications:review.service')}>{serviceName(d.serviceCode, lang)}</Field>
        <Field label={t('applications:review.applicant')}>
          {d.applicant.name}
          <Box component="span" sx={{ ml: 1 }} data-testid="review-applicant-id">
            {d.applicant.idNumberMasked}
          </Box>
          {props.canAction('reveal') && (
            <Tooltip title={t('workspace:action.withKey', { label: t('applications:action.reveal'), key: SHORTCUT.reveal })}>
              <IconButton size="small" sx={{ p: 0.25, ml: 0.5, mt: -0.25 }} onClick={() => props.onAction('reveal')} aria-label={t('applications:action.reveal')} data-testid={`${ACTION_TEST_ID.reveal}-icon`}>
                <VisibilityIcon sx={{ fontSize: 16 }} />
              </IconButton>
            </Tooltip>
          )}
        </Field>
        <Field label={t('applications:review.dueAt')}>
          {formatDate(item.dueAt)}
          <Box component="span" sx={{ color: URGENCY_COLOR[urgencyOf(days)], fontWeight: 700, ml: 1 }} data-testid="review-days-left">
            {days === null ? '' : days < 0 ? t('applications:review.overdueValue', { count: -days }) : t('applications:review.daysLeftValue', { count: days })}
          </Box>
        </Field>
        <Field label={t('applications:review.delivery')}>
          {t(`domain:delivery.${d.delivery}`)}
          {d.delivery === 'ems' && d.emsAddress && (
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {' '}
              · {d.emsAddress}
            </Box>
          )}
        </Field>
        {d.decision && (
          <Field label={t('applications:review.decision')}>
            {d.decision.outcome === 'approved'
              ? t('applications:review.decisionApproved', { pickup: t(`domain:delivery.${d.decision.pickup ?? d.delivery}`) })
              : t('applications:review.decisionRejected', { reason: d.decision.reasonCode ? t(`domain:rejectReason.${d.decision.reasonCode}`) : '' }) +
                (d.decision.reasonText ? `——${d.decision.reasonText}` : '')}
          </Field>
        )}
        {d.supplement && (
          <Field label={t('applications:review.decision')}>
            {t('applications:review.supplementRequested', { materials: d.supplement.missing.map((c) => materialName(c, lang)).join('、') })}
          </Field>
        )}
      </Box>
      <Divider textAlign="left">
        <Typography variant="caption">{t('applications:review.materials')}</Typography>
      </Divider>
      <List dense disablePadding data-testid="materials-checklist">
        {(service?.materials ?? []).map((m) => {
          const ok = !missing.has(m.code);
          return (
            <ListItem key={m.code} disableGutters sx={{ py: 0 }} data-testid={`material-${m.code}`} data-supplied={ok}>
              <ListItemIcon sx={{ minWidth: 26 }}>{ok ? <CheckCircleIcon color="success" fontSize="small" /> : <CancelIcon color="error" fontSize="small" />}</ListItemIcon>
              <ListItemText primary={lang === 'en' ? m.nameEn : m.name} sx={{ my: 0.25 }} />
              <Typography variant="caption" sx={{ color: ok ? 'success.main' : 'error.main', fontWeight: 600 }}>
                {ok ? t('applications:review.supplied') : t('applications:review.missing')}
              </Typography>
            </ListItem>
          );
        })}
      </List>
      <Divider textAlign="left">
        <Typography variant="caption">{t('applications:review.form')}</Typography>
      </Divider>
      <Box>
        {Object.entries(d.form).map(([k, v]) => (
          <Field key={k} label={t(`applications:formField.${k}`, { defaultValue: k })}>
            {v}
          </Field>
        ))}
        <Field label={t('applications:review.phone')}>{d.applicant.phoneMasked}</Field>
        <Field label={t('applications:review.address')}>{d.applicant.address}</Field>
        <Field label={t('applications:review.submittedAt')}>{formatDateTime(item.submittedAt)}</Field>
      </Box>
      <Divider textAlign="left">
        <Typography variant="caption">{t('workspace:pane.notes')}</Typography>
      </Divider>
      {item.notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('workspace:pane.noNotes')}
        </Typography>
      ) : (
        item.notes.map((n) => (
          <Box key={`${n.at}-${n.by}`} data-testid="note">
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(n.at)} · {nameOf(n.by) ? `${nameOf(n.by)}（${n.by}）` : n.by}
            </Typography>
            <Typography variant="body2">{n.text}</Typography>
          </Box>
        ))
      )}
    </Stack>
  );
}
