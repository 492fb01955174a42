import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PendingCommand } from '#shared/contract/bridge';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { describeCommand } from './describe';

export function OutboxList(props: Readonly<{ commands: readonly PendingCommand[] }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (props.commands.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="outbox-list">
        {t('sync:outboxEmpty')}
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="outbox-list">
      <TableHead>
        <TableRow>
          <TableCell>{t('sync:col.item')}</TableCell>
          <TableCell>{t('sync:col.action')}</TableCell>
          <TableCell>{t('sync:col.createdAt')}</TableCell>
          <TableCell align="right">{t('sync:col.attempts')}</TableCell>
          <TableCell>{t('sync:col.state')}</TableCell>
          <TableCell>{t('sync:col.lastError')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.commands.map((c) => (
          <TableRow key={c.id} data-testid="outbox-row" data-item-id={c.itemId}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{c.itemId}</TableCell>
            <TableCell>{describeCommand(c.type, c.body, t, lang)}</TableCell>
            <TableCell>{formatDateTime(c.createdAt)}</TableCell>
            <TableCell align="right">{c.attempts}</TableCell>
            <TableCell>{t(`sync:outboxState.${c.state}`)}</TableCell>
            <TableCell>{c.lastError ? t(`errors:${c.lastError.code}`) : ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
