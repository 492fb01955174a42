import { useState } from 'react';
import { Box, Chip, Stack, Typography } from '@mui/material';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import { useTranslation } from 'react-i18next';
import type { AccidentCase, PhotoFinding } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { useOfficerLabel } from './officerName';
import type { AttachmentCaptionProps } from '../workspace/types';
import { FindingEvidenceDialog } from './FindingEvidenceDialog';
import { coordinates, findingKey, findingTitle, findingsOf } from './findings';
import { className } from './liability';
import { DETERMINATION_ROLE, partyLetter } from './photos';

/**
 * Beside each photo in the viewer: when and where the camera says it was taken, and what
 * forensics noticed about it (a chip per finding, opening its evidence). Beside the determination
 * PDF: what it determines, by whom.
 */
export function PhotoCaption(props: Readonly<AttachmentCaptionProps<AccidentCase>>) {
  const { t } = useTranslation();
  const nameOf = useOfficerLabel();
  const [open, setOpen] = useState<PhotoFinding | null>(null);
  const a = props.attachment;
  if (a.role === DETERMINATION_ROLE) {
    const det = props.item.data.determination;
    if (!det) return null;
    return (
      <Typography variant="caption" component="p" data-testid="determination-caption" sx={{ mb: 0.25 }}>
        {t('accidents:determination.summary', {
          classes: det.liabilities.map((c, i) => `${t('accidents:party.short', { party: partyLetter(i, t) })} ${className(c, t)}`).join(t('accidents:listSeparator')),
          name: nameOf(det.decidedBy),
          time: formatDateTime(det.decidedAt),
        })}
      </Typography>
    );
  }
  const findings = findingsOf(props.item, a.sha256);
  return (
    <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 0.5, mb: 0.25, minHeight: 22 }} data-testid="photo-caption">
      <Typography variant="caption" color="text.secondary" data-testid="photo-exif">
        {a.takenAt ? t('accidents:photo.takenAt', { time: formatDateTime(a.takenAt) }) : t('accidents:photo.noTakenAt')}
        {a.gps && <Box component="span" sx={{ ml: 0.75 }}>{coordinates(a.gps.lat, a.gps.lng)}</Box>}
      </Typography>
      {findings.map((f) => (
        <Chip
          key={findingKey(f)}
          size="small"
          color="warning"
          variant="outlined"
          icon={<ReportProblemOutlinedIcon />}
          label={findingTitle(f, t)}
          onClick={() => setOpen(f)}
          data-testid={`photo-finding-${f.code}`}
          title={t('accidents:findings.signalShort')}
          sx={{ height: 22 }}
        />
      ))}
      {open && <FindingEvidenceDialog finding={open} item={props.item} detail={props.detail} online={props.online} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
