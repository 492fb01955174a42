import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Chip, CircularProgress, Divider, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import type { Application } from '#shared/domain/items';
import type { CommandType } from '#shared/domain/commands';
import { findService } from '#shared/data/catalogue';
import { deadlineClockRuns } from '#shared/domain/status';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { isTyping, useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { serviceName } from '../../app/i18n/names';
import { useNotify } from '../../app/notify';
import { useSession } from '../../app/session';
import { ActionBar } from './ActionBar';
import { ACTIONS, SHORTCUT, enabledActions, type ReviewAction } from './actions';
import { daysLeftCached } from './daysLeft';
import { ReviewDetails } from './ReviewDetails';
import { MaterialsViewer } from './MaterialsViewer';
import { ApproveDialog } from './dialogs/ApproveDialog';
import { RejectDialog } from './dialogs/RejectDialog';
import { SupplementDialog } from './dialogs/SupplementDialog';
import { HandoverDialog } from './dialogs/HandoverDialog';
import { RevealDialog } from './dialogs/RevealDialog';

type DialogKind = 'approve' | 'reject' | 'supplement' | 'handover' | 'reveal';

export interface ReviewPaneProps {
  itemId: string | null;
  /** Bumped when the selected item changed in the cache, so the pane reloads it. */
  refreshTick: number;
  online: boolean;
  /** False while another route is shown (the pane stays mounted): shortcuts are off then. */
  active: boolean;
  onNext: () => void;
  /** Shown while no item is selected. */
  emptyContent?: ReactNode;
}

const COMMAND_LABEL = {
  claim: 'action.claim',
  release: 'action.release',
  approve: 'action.approve',
  reject: 'action.reject',
  request_supplement: 'action.supplement',
  hand_over: 'action.handover',
} as const;

/** Container: loads the selected application, runs its actions and dialogs, owns the shortcuts. */
export function ReviewPane(props: Readonly<ReviewPaneProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const notify = useNotify();
  const { session } = useSession();
  const me = session.officer.badge;
  const nowIso = new Date(useNow()).toISOString();
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [loadError, setLoadError] = useState<BridgeCallError | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [dialogError, setDialogError] = useState<BridgeCallError | null>(null);
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const { itemId, refreshTick, onNext } = props;
  const currentId = useRef(itemId);
  currentId.current = itemId;

  const load = useCallback(
    (id: string) =>
      bridge()
        ['items.get']({ id })
        .then(
          (d) => {
            if (d.item.id !== currentId.current) return; // the officer moved on meanwhile
            setDetail(d);
            setLoadError(null);
          },
          (e: unknown) => id === currentId.current && setLoadError(toBridgeError(e)),
        ),
    [],
  );

  useEffect(() => {
    setDetail(null);
    setDialog(null);
    setRevealed(null);
    if (itemId) void load(itemId);
  }, [itemId, load]);
  useEffect(() => {
    if (itemId && refreshTick > 0) void load(itemId);
  }, [itemId, refreshTick, load]);

  const item: Application | null = detail && detail.item.id === itemId && detail.item.kind === 'application' ? detail.item : null;
  const service = item ? findService(item.data.serviceCode) : undefined;
  const enabled = enabledActions(item, me, nowIso, true);

  const runCommand = useCallback(
    (type: CommandType, body: Record<string, unknown>, label: string, inDialog: boolean) => {
      if (!item) return;
      setBusy(true);
      setDialogError(null);
      bridge()
        ['items.command']({ itemId: item.id, type, body })
        .then(
          (res) => {
            setDetail((prev) => (prev && prev.item.id === res.item.id ? { ...prev, item: res.item } : prev));
            setDialog(null);
            notify.success(t('action.done', { action: t(label) }));
            void load(item.id);
          },
          (e: unknown) => {
            if (inDialog) setDialogError(toBridgeError(e));
            else notify.error(e);
          },
        )
        .finally(() => setBusy(false));
    },
    [item, load, notify, t],
  );

  const reveal = (reason: string) => {
    if (!item) return;
    setBusy(true);
    setDialogError(null);
    bridge()
      ['items.reveal']({ itemId: item.id, field: 'idNumber', reason })
      .then(
        (r) => setRevealed(r.value),
        (e: unknown) => setDialogError(toBridgeError(e)),
      )
      .finally(() => setBusy(false));
  };

  const openDialog = (d: DialogKind) => {
    setDialogError(null);
    setRevealed(null);
    setDialog(d);
  };

  const onAction = useCallback(
    (a: ReviewAction) => {
      switch (a) {
        case 'claim':
          return runCommand('claim', {}, COMMAND_LABEL.claim, false);
        case 'release':
          return runCommand('release', {}, COMMAND_LABEL.release, false);
        case 'next':
          return onNext();
        case 'reveal':
          return openDialog('reveal');
        default:
          return openDialog(a);
      }
    },
    [runCommand, onNext],
  );

  // Single-key shortcuts, only when no text field has focus and no dialog is open.
  const shortcutState = useRef({ enabled, dialog, busy, onAction, active: props.active });
  shortcutState.current = { enabled, dialog, busy, onAction, active: props.active };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      const s = shortcutState.current;
      if (!s.active || s.dialog !== null || s.busy || document.querySelector('[role="dialog"], [role="presentation"].MuiPopover-root')) return;
      const action = ACTIONS.find((a) => SHORTCUT[a] === e.key.toUpperCase());
      if (!action || !s.enabled[action]) return;
      e.preventDefault();
      s.onAction(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const closeDialog = () => {
    setDialog(null);
    setDialogError(null);
    setRevealed(null);
  };

  const pendingCount = detail?.pending.length ?? 0;
  const hasConflict = (detail?.conflicts.length ?? 0) > 0;
  const materialsMissing = item && service ? service.materials.map((m) => m.code).filter((c) => !item.data.materials.some((s) => s.code === c && s.sha256 !== null)) : [];
  const scans = detail ? detail.attachments.filter((a) => a.role.startsWith('material:')) : [];

  return (
    <Paper variant="outlined" data-testid="review-pane" sx={{ width: 430, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      {!itemId && (
        <Box sx={{ p: 3, color: 'text.secondary' }}>
          <Typography>{t('review.empty')}</Typography>
          <Box sx={{ mt: 2 }}>
            <ActionBar actions={['next']} enabled={enabled} busy={false} onAction={onAction} />
          </Box>
          <Box sx={{ mt: 3 }}>{props.emptyContent}</Box>
        </Box>
      )}
      {itemId && !item && !loadError && (
        <Stack direction="row" spacing={1} sx={{ p: 3, alignItems: 'center' }}>
          <CircularProgress size={20} />
          <Typography>{t('review.loading')}</Typography>
        </Stack>
      )}
      {itemId && loadError && !item && (
        <Alert severity="error" role="alert" sx={{ m: 2 }}>
          {t(`errors.${loadError.code}`)}
        </Alert>
      )}
      {item && (
        <>
          <Box sx={{ p: 1.5, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }} data-testid="review-item-id">
                {item.id}
              </Typography>
              <Chip color="primary" variant="outlined" label={t(`status.application.${item.status}`)} data-testid="review-status" />
              {pendingCount > 0 && <Chip color="info" label={t('review.pending', { count: pendingCount })} data-testid="review-pending" />}
              {hasConflict && <Chip color="error" label={t('queue.conflict')} data-testid="review-conflict" />}
            </Stack>
            <ActionBar actions={ACTIONS} enabled={enabled} busy={busy} onAction={onAction} />
            {item.claimedBy !== me && !enabled.approve && (enabled.claim || item.status === 'submitted') && (
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
                {t('review.needsClaim')}
              </Typography>
            )}
            {hasConflict && (
              <Alert severity="error" role="status" sx={{ mt: 1 }}>
                {t('review.conflict')}
              </Alert>
            )}
          </Box>
          <Box sx={{ p: 1.5, overflow: 'auto', flex: 1 }}>
            <ReviewDetails
              item={item}
              serviceName={serviceName(item.data.serviceCode, lang)}
              materials={service?.materials ?? []}
              daysLeft={deadlineClockRuns(item) ? daysLeftCached(item.dueAt, nowIso) : null}
              me={me}
              canReveal={enabled.reveal}
              onReveal={() => onAction('reveal')}
            />
            <Divider textAlign="left" sx={{ my: 1 }}>
              <Typography variant="caption">{t('review.attachments')}</Typography>
            </Divider>
            <MaterialsViewer key={item.id} attachments={scans} online={props.online} />
          </Box>
          {dialog === 'approve' && (
            <ApproveDialog
              open
              preference={item.data.delivery}
              allowed={service?.delivery ?? ['window', 'ems']}
              error={dialogError}
              busy={busy}
              onCancel={closeDialog}
              onConfirm={(body) => runCommand('decide', body, COMMAND_LABEL.approve, true)}
            />
          )}
          {dialog === 'reject' && (
            <RejectDialog open error={dialogError} busy={busy} onCancel={closeDialog} onConfirm={(body) => runCommand('decide', body, COMMAND_LABEL.reject, true)} />
          )}
          {dialog === 'supplement' && (
            <SupplementDialog
              open
              materials={service?.materials ?? []}
              missing={materialsMissing}
              error={dialogError}
              busy={busy}
              onCancel={closeDialog}
              onConfirm={(body) => runCommand('request_supplement', body, COMMAND_LABEL.request_supplement, true)}
            />
          )}
          {dialog === 'handover' && (
            <HandoverDialog open error={dialogError} busy={busy} onCancel={closeDialog} onConfirm={(body) => runCommand('hand_over', body, COMMAND_LABEL.hand_over, true)} />
          )}
          {dialog === 'reveal' && <RevealDialog open value={revealed} error={dialogError} busy={busy} onCancel={closeDialog} onConfirm={reveal} />}
        </>
      )}
    </Paper>
  );
}
