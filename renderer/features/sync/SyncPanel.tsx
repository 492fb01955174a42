import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import SyncIcon from '@mui/icons-material/Sync';
import { useTranslation } from 'react-i18next';
import type { Conflict, PendingCommand, SyncStatus } from '#shared/contract/bridge';
import { bridge, toBridgeError } from '../../app/bridge';
import { formatDateTime } from '../../app/format';
import { useNotify } from '../../app/notify';
import { OutboxList } from './OutboxList';
import { ConflictList } from './ConflictList';

/** Container: the sync state, what is waiting to be sent, and what the exchange refused. */
export function SyncPanel(props: Readonly<{ status: SyncStatus | null }>) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [outbox, setOutbox] = useState<PendingCommand[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    bridge()['outbox.list']({}).then(setOutbox, notify.error);
    bridge()['conflicts.list']({}).then(setConflicts, notify.error);
  }, [notify]);

  // The status object changes on every `sync.status` event, which is when these lists can change.
  useEffect(() => refresh(), [refresh, props.status]);

  const act = (p: Promise<unknown>, done: string) => {
    setBusy(true);
    p.then(() => notify.success(t(done)), notify.error).finally(() => {
      setBusy(false);
      refresh();
    });
  };

  /** "Sync now" waits for the round to finish (sync.now returns the status then) and says how it went. */
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const syncNow = () => {
    setBusy(true);
    setResult(null);
    bridge()
      ['sync.now']({})
      .then(
        (after) => {
          if (after.lastError) {
            setResult({ ok: false, text: t(`errors:${after.lastError.code}`) });
            notify.error(after.lastError);
          } else {
            const text = after.pending > 0 ? t('sync:doneWithPending', { count: after.pending }) : t('sync:done');
            setResult({ ok: true, text: `${text} · ${formatDateTime(after.lastSyncAt ?? new Date().toISOString())}` });
            notify.success(text);
          }
        },
        (e: unknown) => {
          setResult({ ok: false, text: t(`errors:${toBridgeError(e).code}`) });
          notify.error(e);
        },
      )
      .finally(() => {
        setBusy(false);
        refresh();
      });
  };

  const s = props.status;
  const state = !s ? null : !s.online ? 'offline' : s.syncing ? 'syncing' : 'online';
  return (
    <Box data-testid="sync-panel" sx={{ p: 2, overflow: 'auto', flex: 1 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {t('sync:title')}
        </Typography>
        {state && <Chip label={t(`app:header.${state}`)} color={state === 'offline' ? 'warning' : 'success'} />}
        <Typography variant="body2" color="text.secondary">
          {t('sync:lastSync')}：
          <Box component="span" data-testid="last-sync" sx={{ color: 'text.primary', fontWeight: 600 }}>
            {s?.lastSyncAt ? formatDateTime(s.lastSyncAt) : t('sync:never')}
          </Box>
        </Typography>
        {s?.lastError && (
          <Typography variant="body2" color="error" data-testid="sync-last-error">
            {t('sync:lastError')}：{t(`errors:${s.lastError.code}`)}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        {result && (
          <Typography variant="body2" role="status" color={result.ok ? 'success.main' : 'error'} data-testid="sync-result" data-ok={result.ok}>
            {result.text}
          </Typography>
        )}
        {/* enabled offline too: it tries the exchange again now instead of at the next retry */}
        <Button variant="contained" startIcon={<SyncIcon />} disabled={busy} onClick={syncNow} data-testid="sync-now" sx={{ whiteSpace: 'nowrap' }}>
          {busy ? t('sync:syncing') : t('sync:syncNow')}
        </Button>
      </Stack>
      <Paper variant="outlined" sx={{ p: 1.5, mb: 2 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
          {t('sync:conflictsTitle')} ({conflicts.length})
        </Typography>
        {conflicts.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('sync:conflictsHint')}
          </Typography>
        )}
        <ConflictList
          conflicts={conflicts}
          busy={busy}
          onReapply={(id) => act(bridge()['conflicts.reapply']({ id }), 'sync:reapplied')}
          onDiscard={(id) => act(bridge()['conflicts.discard']({ id }), 'sync:discarded')}
        />
      </Paper>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
          {t('sync:outboxTitle')} ({outbox.length})
        </Typography>
        <OutboxList commands={outbox} />
      </Paper>
    </Box>
  );
}
