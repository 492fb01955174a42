import { useState } from 'react';
import { Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import TableViewIcon from '@mui/icons-material/TableView';
import { useTranslation } from 'react-i18next';
import type { BridgeArgs } from '#shared/contract/bridge';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useNotify } from '../../app/notify';
import { saveBase64 } from './download';
import { isoWeekRange, lastDayOf, shanghaiDate } from './period';

type ReportFormat = BridgeArgs<'reports.weekly'>['format'];

/** `2026-W49` as the officer reads it: 2026年第49周（2026-11-30 至 2026-12-06）. */
export function weekText(week: string, t: (key: string, vars: Record<string, unknown>) => string): string {
  const r = isoWeekRange(week);
  const [year, n] = week.split('-W');
  return r ? t('dashboard:report.weekLabel', { year, week: Number(n), from: shanghaiDate(Date.parse(r.from)), to: lastDayOf(r) }) : week;
}

/**
 * The weekly report of the unit chosen: pick the week, download it as PDF or XLSX. The exchange
 * makes (and audits) the file; it comes through the bridge as base64 and is saved with a Blob and
 * an `<a download>`. Test ids `report-week` (with `data-week`, `data-from`, `data-to`), `report-pdf`, `report-xlsx`.
 */
export function WeeklyReport(props: Readonly<{ unit: string; weeks: readonly string[]; online: boolean }>) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [week, setWeek] = useState(props.weeks[1] ?? props.weeks[0] ?? '');
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<BridgeCallError | null>(null);
  const range = isoWeekRange(week);

  const download = (format: ReportFormat) => {
    setBusy(format);
    setError(null);
    bridge()
      ['reports.weekly']({ unit: props.unit, week, format })
      .then(
        (file) => {
          saveBase64(file.fileName, file.contentType, file.base64);
          notify.success(t('dashboard:report.done', { file: file.fileName }));
        },
        (e: unknown) => setError(toBridgeError(e)),
      )
      .finally(() => setBusy(null));
  };

  return (
    <Box>
      <Stack direction="row" sx={{ gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          label={t('dashboard:report.week')}
          value={week}
          onChange={(e) => setWeek(e.target.value)}
          sx={{ minWidth: 300 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'report-week', 'data-week': week, 'data-from': range?.from, 'data-to': range?.to } as object } }}
        >
          {props.weeks.map((w) => (
            <MenuItem key={w} value={w} data-testid={`report-week-${w}`}>
              {weekText(w, t)}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="contained" startIcon={<PictureAsPdfIcon />} onClick={() => download('pdf')} disabled={!props.online || busy !== null || !week} data-testid="report-pdf">
          {busy === 'pdf' ? t('dashboard:report.downloading') : t('dashboard:report.pdf')}
        </Button>
        <Button variant="outlined" startIcon={<TableViewIcon />} onClick={() => download('xlsx')} disabled={!props.online || busy !== null || !week} data-testid="report-xlsx">
          {busy === 'xlsx' ? t('dashboard:report.downloading') : t('dashboard:report.xlsx')}
        </Button>
        <Typography variant="caption" color="text.secondary">
          {t('dashboard:report.hint')}
        </Typography>
      </Stack>
      {error && (
        <Box sx={{ mt: 1 }}>
          <ErrorAlert error={error} />
        </Box>
      )}
    </Box>
  );
}
