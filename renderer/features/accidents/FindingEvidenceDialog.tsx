import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useTranslation } from 'react-i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import type { AccidentCase, PhotoFinding } from '#shared/domain/items';
import { bridge, toBridgeError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { ImageStage } from '../workspace/ImageStage';
import { unavailableOffline, useAttachment } from '../workspace/useAttachment';
import { coordinates, distanceKm, findingSummary, findingTitle, formatKm, minutesText, sameFile } from './findings';
import { attachmentName } from './photos';

export interface FindingEvidenceDialogProps {
  finding: PhotoFinding;
  item: AccidentCase;
  detail: ItemDetail;
  online: boolean;
  onClose: () => void;
}

/**
 * A finding's evidence, from what the finding and the case carry (nothing is fetched but the
 * photos, through attachments.get): a near-duplicate beside the other case's photo — or why that
 * one cannot be shown (the other case is outside the officer's jurisdiction: the exchange compared
 * across the province); EXIF time against the reported time; the photo's coordinates against the
 * reported place. Always said: a signal to look at, not a verdict.
 */
export function FindingEvidenceDialog(props: Readonly<FindingEvidenceDialogProps>) {
  const { t } = useTranslation();
  const { finding: f, item } = props;
  const photo = props.detail.attachments.find((a) => a.sha256 === f.sha256);
  const photoLabel = photo ? attachmentName(photo, t) : t('accidents:findings.thisPhoto');
  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth data-testid="finding-evidence" data-code={f.code} aria-labelledby="finding-evidence-title">
      <DialogTitle id="finding-evidence-title">
        {findingTitle(f, t)} · {photoLabel}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={1.5}>
          <Alert severity="info" role="note" data-testid="finding-signal-note">
            {t('accidents:findings.signal')}
          </Alert>
          <Typography variant="body1" sx={{ fontWeight: 600 }} data-testid="finding-summary">
            {findingSummary(f, t)}
          </Typography>
          {f.code === 'near_duplicate' ? (
            <NearDuplicate finding={f} item={item} photoLabel={photoLabel} online={props.online} />
          ) : (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'stretch' }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <EvidencePhoto sha256={f.sha256} label={photoLabel} caption={t('accidents:findings.thisCase', { itemId: item.id })} online={props.online} />
              </Box>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <FindingFacts finding={f} item={item} />
              </Box>
            </Stack>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} data-testid="finding-evidence-close">
          {t('app:close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function Facts(props: Readonly<{ rows: readonly (readonly [string, ReactNode, string?])[] }>) {
  return (
    <Table size="small">
      <TableBody>
        {props.rows.map(([label, value, testId]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ color: 'text.secondary', width: '42%' }}>
              {label}
            </TableCell>
            <TableCell data-testid={testId} sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** EXIF time against the reported time, or the photo's place against the reported place. */
function FindingFacts(props: Readonly<{ finding: PhotoFinding; item: AccidentCase }>) {
  const { t } = useTranslation();
  const { finding: f, item } = props;
  const d = item.data;
  switch (f.code) {
    case 'exif_missing':
      return (
        <Stack spacing={1}>
          <Typography variant="body2">{t('accidents:findings.exifMissingExplain')}</Typography>
          <Facts
            rows={[
              [t('accidents:case.occurredAt'), formatDateTime(d.occurredAt)],
              [t('accidents:case.reportedAt'), formatDateTime(item.submittedAt)],
              [t('accidents:findings.takenAt'), t('accidents:findings.noExif'), 'evidence-taken-at'],
            ]}
          />
        </Stack>
      );
    case 'exif_time_mismatch':
      return (
        <Stack spacing={1}>
          <Facts
            rows={[
              [t('accidents:findings.takenAt'), formatDateTime(f.detail.takenAt), 'evidence-taken-at'],
              [t(f.detail.relation === 'before_occurrence' ? 'accidents:findings.comparedOccurred' : 'accidents:findings.comparedReported'), formatDateTime(f.detail.reportedAt), 'evidence-reported-at'],
              [t('accidents:findings.difference'), t(`accidents:findings.diff_${f.detail.relation}`, { duration: minutesText(f.detail.minutes, t) }), 'evidence-difference'],
              [t('accidents:case.occurredAt'), formatDateTime(d.occurredAt)],
              [t('accidents:case.reportedAt'), formatDateTime(item.submittedAt)],
            ]}
          />
          <TimeLine takenAt={f.detail.takenAt} occurredAt={d.occurredAt} reportedAt={item.submittedAt} />
        </Stack>
      );
    case 'exif_gps_far': {
      const km = distanceKm({ lat: f.detail.lat, lng: f.detail.lng }, d.location);
      return (
        <Stack spacing={1}>
          <Facts
            rows={[
              [t('accidents:findings.photoPlace'), coordinates(f.detail.lat, f.detail.lng), 'evidence-photo-coordinates'],
              [t('accidents:findings.reportedPlace'), coordinates(d.location.lat, d.location.lng), 'evidence-reported-coordinates'],
              [t('accidents:case.place'), d.location.address],
              [t('accidents:findings.distance'), t('accidents:findings.km', { km: formatKm(f.detail.km) }), 'evidence-distance'],
            ]}
          />
          <Typography variant="caption" color="text.secondary">
            {t('accidents:findings.distanceCheck', { km: formatKm(km) })}
          </Typography>
        </Stack>
      );
    }
    case 'near_duplicate':
      return null;
  }
}

/**
 * The three instants on one line, to scale: when the photo was taken, the accident, the report.
 * Nothing but CSS: a photo hours before the accident stands out at a glance.
 */
function TimeLine(props: Readonly<{ takenAt: string; occurredAt: string; reportedAt: string }>) {
  const { t } = useTranslation();
  const points = [
    { key: 'taken', at: Date.parse(props.takenAt), label: t('accidents:findings.takenAt'), color: 'warning.main' },
    { key: 'occurred', at: Date.parse(props.occurredAt), label: t('accidents:case.occurredAt'), color: 'text.primary' },
    { key: 'reported', at: Date.parse(props.reportedAt), label: t('accidents:case.reportedAt'), color: 'primary.main' },
  ];
  const min = Math.min(...points.map((p) => p.at));
  const max = Math.max(...points.map((p) => p.at));
  const span = Math.max(1, max - min);
  return (
    <Box sx={{ position: 'relative', height: 56, mx: 2, mt: 1 }} aria-hidden data-testid="evidence-timeline">
      <Box sx={{ position: 'absolute', left: 0, right: 0, top: 14, height: 2, bgcolor: 'divider' }} />
      {points.map((p, i) => (
        <Box key={p.key} sx={{ position: 'absolute', left: `${((p.at - min) / span) * 100}%`, top: 8, transform: 'translateX(-50%)', textAlign: 'center' }}>
          <Box sx={{ width: 14, height: 14, borderRadius: '50%', bgcolor: p.color, mx: 'auto' }} />
          <Typography variant="caption" sx={{ whiteSpace: 'nowrap', display: 'block', mt: i === 1 ? 2 : 0.25 }}>
            {p.label}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

type OtherCase = { state: 'loading' } | { state: 'visible' } | { state: 'outside' } | { state: 'error'; error: ReturnType<typeof toBridgeError> };

/** This case's photo beside the other case's, when the officer may see the other case. */
function NearDuplicate(props: Readonly<{ finding: Extract<PhotoFinding, { code: 'near_duplicate' }>; item: AccidentCase; photoLabel: string; online: boolean }>) {
  const { t } = useTranslation();
  const { detail } = props.finding;
  const [other, setOther] = useState<OtherCase>({ state: 'loading' });
  useEffect(() => {
    let alive = true;
    // the cache holds exactly the cases the officer may see: one it lacks is outside the jurisdiction
    bridge()
      ['items.get']({ id: detail.itemId })
      .then(
        () => alive && setOther({ state: 'visible' }),
        (e: unknown) => {
          if (!alive) return;
          const err = toBridgeError(e);
          setOther(err.code === 'not_found' || err.code === 'forbidden' ? { state: 'outside' } : { state: 'error', error: err });
        },
      );
    return () => {
      alive = false;
    };
  }, [detail.itemId]);
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {sameFile(props.finding) ? t('accidents:findings.sameFileExplain') : t('accidents:findings.distanceExplain', { distance: detail.distance })}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch' }} data-testid="evidence-side-by-side">
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <EvidencePhoto sha256={props.finding.sha256} label={props.photoLabel} caption={t('accidents:findings.thisCase', { itemId: props.item.id })} online={props.online} />
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }} data-testid="evidence-other">
          {other.state === 'loading' && <CircularProgress size={24} />}
          {other.state === 'error' && <ErrorAlert error={other.error} />}
          {other.state === 'outside' && (
            <Alert severity="warning" role="status" data-testid="evidence-other-outside" sx={{ height: '100%', boxSizing: 'border-box' }}>
              {t('accidents:findings.otherOutside', { itemId: detail.itemId })}
            </Alert>
          )}
          {other.state === 'visible' && <EvidencePhoto sha256={detail.sha256} label={t('accidents:findings.otherCase', { itemId: detail.itemId })} caption={t('accidents:findings.otherCase', { itemId: detail.itemId })} online={props.online} />}
        </Box>
      </Stack>
    </Stack>
  );
}

/** One photo of the evidence, zoomable, with a caption saying which case it belongs to. */
export function EvidencePhoto(props: Readonly<{ sha256: string; label: string; caption: string; online: boolean }>) {
  const { t } = useTranslation();
  const loaded = useAttachment(props.sha256, props.online);
  return (
    <Stack spacing={0.5} sx={{ height: '100%' }}>
      <Typography variant="caption" sx={{ fontWeight: 700 }}>
        {props.caption}
      </Typography>
      <Box sx={{ position: 'relative', height: 320, bgcolor: '#eef1f5', border: 1, borderColor: 'divider', borderRadius: 1, display: 'grid', placeItems: 'center' }}>
        {loaded.state === 'loading' && <CircularProgress size={24} />}
        {loaded.state === 'image' && <ImageStage url={loaded.url} alt={props.label} testId="evidence-image" />}
        {loaded.state === 'error' &&
          (unavailableOffline(loaded, props.online) ? (
            <Stack spacing={1} sx={{ alignItems: 'center', color: 'text.secondary', p: 2, textAlign: 'center' }}>
              <CloudOffIcon />
              <Typography variant="body2">{t('workspace:viewer.offlineUnavailable')}</Typography>
            </Stack>
          ) : (
            <Box sx={{ p: 1 }}>
              <ErrorAlert error={loaded.error} />
            </Box>
          ))}
      </Box>
    </Stack>
  );
}
