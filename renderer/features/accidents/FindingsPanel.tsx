import { useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import { useTranslation } from 'react-i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import type { AccidentCase, PhotoFinding } from '#shared/domain/items';
import { FindingEvidenceDialog } from './FindingEvidenceDialog';
import { findingKey, findingSummary, findingTitle } from './findings';
import { attachmentName } from './photos';

/**
 * What the exchange's forensics noticed about the case's photos, each with its evidence. Said
 * plainly above the list: these are signals to look at, never a verdict on the parties.
 */
export function FindingsPanel(props: Readonly<{ item: AccidentCase; detail: ItemDetail; online: boolean; onShow: (sha256: string) => void }>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<PhotoFinding | null>(null);
  const findings = props.item.data.findings;
  if (findings.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="findings-none">
        {t('accidents:findings.none')}
      </Typography>
    );
  }
  return (
    <Box data-testid="findings-panel">
      <Alert severity="warning" icon={<ReportProblemOutlinedIcon fontSize="small" />} role="note" sx={{ py: 0, mb: 0.75 }} data-testid="findings-signal">
        {t('accidents:findings.signalShort')}
      </Alert>
      <Stack spacing={0.5}>
        {findings.map((f) => {
          const photo = props.detail.attachments.find((a) => a.sha256 === f.sha256);
          return (
            <Stack key={findingKey(f)} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid={`finding-${f.code}`}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {findingTitle(f, t)}
                  <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400, ml: 0.75 }}>
                    {photo ? attachmentName(photo, t) : ''}
                  </Box>
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p">
                  {findingSummary(f, t)}
                </Typography>
              </Box>
              <Button
                size="small"
                variant="outlined"
                onClick={() => {
                  if (photo) props.onShow(photo.sha256);
                  setOpen(f);
                }}
                data-testid="finding-open"
                sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              >
                {t('accidents:findings.evidence')}
              </Button>
            </Stack>
          );
        })}
      </Stack>
      {open && <FindingEvidenceDialog finding={open} item={props.item} detail={props.detail} online={props.online} onClose={() => setOpen(null)} />}
    </Box>
  );
}
