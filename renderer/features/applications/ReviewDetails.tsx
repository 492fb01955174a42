import type { ReactNode } from 'react';
import { Box, Chip, Divider, IconButton, List, ListItem, ListItemIcon, ListItemText, Stack, Tooltip, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { useTranslation } from 'react-i18next';
import type { Application } from '#shared/domain/items';
import type { MaterialDef } from '#shared/data/catalogue';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { materialName } from '../../app/i18n/names';
import { urgencyOf } from './daysLeft';

export interface ReviewDetailsProps {
  item: Application;
  serviceName: string;
  materials: readonly MaterialDef[];
  daysLeft: number | null;
  me: string;
  canReveal: boolean;
  onReveal: () => void;
}

function Field(props: Readonly<{ label: string; children: ReactNode; testId?: string }>) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '104px 1fr', columnGap: 1, py: 0.25 }}>
      <Typography variant="body2" color="text.secondary">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" data-testid={props.testId} sx={{ wordBreak: 'break-all' }}>
        {props.children}
      </Typography>
    </Box>
  );
}

const URGENCY_COLOR = { overdue: 'error.main', soon: 'warning.main', ok: 'text.primary' } as const;

/** The application as the officer reads it: applicant (masked), form, deadline, materials, notes. */
export function ReviewDetails(props: Readonly<ReviewDetailsProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { item } = props;
  const d = item.data;
  // a material counts as supplied only with its scan; a listed code without one is still missing
  const supplied = new Set(d.materials.filter((m) => m.sha256 !== null).map((m) => m.code));
  const days = props.daysLeft;
  return (
    <Stack spacing={1}>
      <Box>
        <Field label={t('review.service')}>{props.serviceName}</Field>
        <Field label={t('review.applicant')}>{d.applicant.name}</Field>
        <Field label={t('review.idNumber')}>
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <span data-testid="review-applicant-id">{d.applicant.idNumberMasked}</span>
            {props.canReveal && (
              <Tooltip title={t('action.withKey', { label: t('action.reveal'), key: 'V' })}>
                <IconButton size="small" onClick={props.onReveal} aria-label={t('action.reveal')}>
                  <VisibilityIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
          </Stack>
        </Field>
        <Field label={t('review.phone')}>{d.applicant.phoneMasked}</Field>
        <Field label={t('review.address')}>{d.applicant.address}</Field>
        <Field label={t('review.delivery')}>{t(`delivery.${d.delivery}`)}</Field>
        {d.delivery === 'ems' && d.emsAddress && <Field label={t('review.emsAddress')}>{d.emsAddress}</Field>}
        <Field label={t('review.submittedAt')}>{formatDateTime(item.submittedAt)}</Field>
        <Field label={t('review.dueAt')}>{formatDateTime(item.dueAt)}</Field>
        <Field label={t('review.daysLeft')}>
          <Box component="span" sx={{ color: URGENCY_COLOR[urgencyOf(days)], fontWeight: 700 }}>
            {days === null ? t('app.none') : days < 0 ? t('review.overdueValue', { count: -days }) : t('review.daysLeftValue', { count: days })}
          </Box>
        </Field>
        <Field label={t('review.claimedBy')}>
          {item.claimedBy ? (
            <>
              {item.claimedBy === props.me ? t('queue.me') : item.claimedBy}
              {item.claimExpiresAt && (
                <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  {t('review.claimExpires', { time: formatDateTime(item.claimExpiresAt) })}
                </Typography>
              )}
            </>
          ) : (
            t('review.unclaimed')
          )}
        </Field>
      </Box>
      {Object.keys(d.form).length > 0 && (
        <>
          <Divider textAlign="left">
            <Typography variant="caption">{t('review.form')}</Typography>
          </Divider>
          <Box>
            {Object.entries(d.form).map(([k, v]) => (
              <Field key={k} label={t(`formField.${k}`, { defaultValue: k })}>
                {v}
              </Field>
            ))}
          </Box>
        </>
      )}
      {d.decision && (
        <Field label={t('review.decision')}>
          {d.decision.outcome === 'approved'
            ? t('decision.approve', { pickup: t(`delivery.${d.decision.pickup ?? d.delivery}`) })
            : t('decision.reject', { reason: d.decision.reasonCode ? t(`rejectReason.${d.decision.reasonCode}`) : '' }) +
              (d.decision.reasonText ? `——${d.decision.reasonText}` : '')}
        </Field>
      )}
      {d.supplement && (
        <Field label={t('review.decision')}>
          {t('review.supplementRequested', { materials: d.supplement.missing.map((c) => materialName(c, lang)).join('、') })}
        </Field>
      )}
      <Divider textAlign="left">
        <Typography variant="caption">{t('review.materials')}</Typography>
      </Divider>
      <List dense disablePadding data-testid="materials-checklist">
        {props.materials.map((m) => {
          const ok = supplied.has(m.code);
          return (
            <ListItem key={m.code} disableGutters sx={{ py: 0 }} data-testid={`material-${m.code}`} data-supplied={ok}>
              <ListItemIcon sx={{ minWidth: 28 }}>
                {ok ? <CheckCircleIcon color="success" fontSize="small" /> : <CancelIcon color="error" fontSize="small" />}
              </ListItemIcon>
              <ListItemText primary={lang === 'en' ? m.nameEn : m.name} />
              <Chip label={ok ? t('review.supplied') : t('review.missing')} color={ok ? 'success' : 'error'} variant="outlined" />
            </ListItem>
          );
        })}
      </List>
      <Divider textAlign="left">
        <Typography variant="caption">{t('review.notes')}</Typography>
      </Divider>
      {item.notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('review.noNotes')}
        </Typography>
      ) : (
        item.notes.map((n) => (
          <Box key={`${n.at}-${n.by}`}>
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(n.at)} · {n.by}
            </Typography>
            <Typography variant="body2">{n.text}</Typography>
          </Box>
        ))
      )}
    </Stack>
  );
}
