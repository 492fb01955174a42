import { Box, ButtonBase, Tooltip, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { useTranslation } from 'react-i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import type { AccidentCase } from '#shared/domain/items';
import { REQUIRED_PHOTO_ROLES } from '#shared/rules/quickProcedure';
import { parsePhotoCode, partyLetter, photoChecklist, type ChecklistEntry } from './photos';

/**
 * The required photos as a table: the scene's three (any party may take them), then a row per
 * party (plate, driving licence, vehicle licence). A tick or a cross each, a mark where forensics
 * noticed something; a present one opens in the viewer.
 */
export function PhotoChecklist(props: Readonly<{ item: AccidentCase; detail: ItemDetail; onShow: (sha256: string) => void }>) {
  const { t } = useTranslation();
  const entries = photoChecklist(props.item, props.detail.attachments);
  const missing = entries.filter((e) => !e.present).length;
  const rows: { key: string; label: string; entries: ChecklistEntry[] }[] = [
    { key: 'case', label: t('accidents:photo.caseRow'), entries: entries.filter((e) => parsePhotoCode(e.code).party === null) },
    ...props.item.data.parties.map((p, i) => ({
      key: `party-${i}`,
      label: t('accidents:party.short', { party: partyLetter(i, t) }),
      entries: entries.filter((e) => parsePhotoCode(e.code).party === i),
    })),
  ];
  const columns = Math.max(REQUIRED_PHOTO_ROLES.case.length, REQUIRED_PHOTO_ROLES.perParty.length);
  return (
    <Box data-testid="photo-checklist" data-missing={missing}>
      <Typography variant="body2" sx={{ mb: 0.5, fontWeight: 600, color: missing > 0 ? 'error.main' : 'success.main' }} data-testid="photo-checklist-summary">
        {missing > 0 ? t('accidents:photo.missingCount', { count: missing, total: entries.length }) : t('accidents:photo.complete', { total: entries.length })}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: `auto repeat(${columns}, minmax(0, 1fr))`, columnGap: 0.5, rowGap: 0.25, alignItems: 'center' }}>
        {rows.map((row) => [
          <Typography key={`${row.key}-label`} variant="caption" color="text.secondary" sx={{ pr: 0.5, whiteSpace: 'nowrap' }}>
            {row.label}
          </Typography>,
          ...row.entries.map((e) => <Entry key={e.code} entry={e} onShow={props.onShow} />),
        ])}
      </Box>
    </Box>
  );
}

function Entry(props: Readonly<{ entry: ChecklistEntry; onShow: (sha256: string) => void }>) {
  const { t } = useTranslation();
  const e = props.entry;
  const role = parsePhotoCode(e.code).role;
  const name = t(`accidents:photo.role.${role}`);
  const first = e.photos[0];
  const tip = e.present ? (e.findings > 0 ? t('accidents:photo.hasFindings', { count: e.findings }) : t('accidents:photo.show')) : t('accidents:photo.missing');
  return (
    <Tooltip title={tip}>
      <ButtonBase
        onClick={() => first && props.onShow(first.sha256)}
        disabled={!first}
        data-testid={`photo-check-${e.code}`}
        data-present={e.present ? 'true' : 'false'}
        data-findings={e.findings}
        aria-label={t('accidents:photo.entryLabel', { name, state: tip })}
        sx={{
          justifyContent: 'flex-start',
          gap: 0.5,
          px: 0.5,
          py: 0.25,
          borderRadius: 1,
          border: 1,
          borderColor: e.present ? (e.findings > 0 ? 'warning.light' : 'divider') : 'error.light',
          bgcolor: e.present ? 'transparent' : '#fdecea',
          minWidth: 0,
          '&.Mui-disabled': { opacity: 1 },
        }}
      >
        {e.present ? <CheckCircleIcon color="success" sx={{ fontSize: 16 }} /> : <CancelIcon color="error" sx={{ fontSize: 16 }} />}
        <Typography variant="caption" noWrap sx={{ minWidth: 0 }}>
          {name}
        </Typography>
        {e.findings > 0 && <ReportProblemIcon color="warning" sx={{ fontSize: 15, ml: 'auto' }} aria-hidden />}
      </ButtonBase>
    </Tooltip>
  );
}
