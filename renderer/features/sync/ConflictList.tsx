import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '#shared/contract/bridge';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { describeCommand } from './describe';

export interface ConflictListProps {
  conflicts: readonly Conflict[];
  busy: boolean;
  onReapply: (id: number) => void;
  onDiscard: (id: number) => void;
}

export function ConflictList(props: Readonly<ConflictListProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (props.conflicts.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="conflict-list">
        {t('sync:conflictsEmpty')}
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="conflict-list">
      <TableHead>
        <TableRow>
          <TableCell>{t('sync:col.item')}</TableCell>
          <TableCell>{t('sync:col.code')}</TableCell>
          <TableCell>{t('sync:col.decision')}</TableCell>
          <TableCell>{t('sync:col.createdAt')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {props.conflicts.map((c) => (
          <TableRow key={c.id} data-testid="conflict-row" data-item-id={c.itemId} sx={{ bgcolor: '#fff8f7' }}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{c.itemId}</TableCell>
            <TableCell sx={{ color: 'error.main', fontWeight: 600 }} data-testid="conflict-code" data-code={c.code}>
              {t(`errors:${c.code}`)}
              {/* the exchange's own words (Chinese) say who took it or what is missing */}
              {lang === 'zh-CN' && c.message && c.message !== c.code && (
                <Typography variant="caption" component="div" color="text.secondary" data-testid="conflict-message">
                  {c.message}
                </Typography>
              )}
            </TableCell>
            <TableCell data-testid="conflict-decision">{describeCommand(c.type, c.body, t, lang)}</TableCell>
            <TableCell>{formatDateTime(c.createdAt)}</TableCell>
            <TableCell align="right">
              <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                <Button variant="contained" disabled={props.busy} onClick={() => props.onReapply(c.id)} data-testid="conflict-reapply">
                  {t('sync:reapply')}
                </Button>
                <Button variant="outlined" color="error" disabled={props.busy} onClick={() => props.onDiscard(c.id)} data-testid="conflict-discard">
                  {t('sync:discard')}
                </Button>
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
