import { useCallback, useRef, type ReactNode, type Ref } from 'react';
import { Alert, Box, Chip, CircularProgress, Divider, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemDetail } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import type { BridgeCallError } from '../../app/bridge';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ActionBar, type ActionBarItem } from './ActionBar';
import { AttachmentViewer, type AttachmentViewerHandle } from './AttachmentViewer';
import type { ActionState, ItemCommand, WorkspaceDefinition } from './types';

export interface ReviewPaneProps<I extends WorkItem> {
  def: WorkspaceDefinition<I>;
  itemId: string | null;
  detail: ItemDetail | null;
  loadError: BridgeCallError | null;
  officer: Officer;
  now: Date;
  online: boolean;
  /** The action bar: the kind's actions the role sees, then "next". */
  actions: readonly (ActionBarItem & { readonly tone?: 'primary' | 'danger' })[];
  states: Readonly<Record<string, ActionState>>;
  busy: boolean;
  onAction: (id: string, param?: string) => void;
  /** A command sent from the kind's details (DetailProps.onCommand). */
  onCommand: (cmd: ItemCommand, doneKey: string) => void;
  viewerRef: Ref<AttachmentViewerHandle>;
  /** Shown while no item is selected. */
  emptyContent?: ReactNode;
}

/** Commands that change who holds the item: while one is pending, the holder shown is not confirmed. */
const CLAIM_COMMANDS = new Set(['claim', 'take_over', 'release']);

/**
 * The review pane's frame, the same for every kind: the item's id, status, what is still pending
 * or in conflict, who holds it, the action bar with the reasons of disabled primary actions, the
 * kind's details and the attachment viewer below them (always on screen, not scrolled away).
 */
export function ReviewPane<I extends WorkItem>(props: Readonly<ReviewPaneProps<I>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { def, detail, officer } = props;
  const item = detail && detail.item.id === props.itemId && def.isItem(detail.item) ? (detail.item as I) : null;
  // the viewer's handle for the kind's details (showAttachment), besides the workspace's keys
  const viewer = useRef<AttachmentViewerHandle | null>(null);
  const { viewerRef } = props;
  const setViewer = useCallback(
    (h: AttachmentViewerHandle | null) => {
      viewer.current = h;
      if (typeof viewerRef === 'function') viewerRef(h);
      else if (viewerRef) (viewerRef as { current: AttachmentViewerHandle | null }).current = h;
    },
    [viewerRef],
  );
  const showAttachment = useCallback((sha256: string) => viewer.current?.show(sha256), []);

  const width = { width: def.paneWidth ?? 'clamp(350px, 29vw, 560px)', flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 } as const;
  if (!props.itemId) {
    return (
      <Paper variant="outlined" data-testid="review-pane" sx={{ ...width, p: 2, color: 'text.secondary', overflow: 'auto' }}>
        <Typography>{t('workspace:pane.empty')}</Typography>
        <Box sx={{ mt: 1.5 }}>
          <ActionBar actions={props.actions.filter((a) => a.id === 'next')} states={props.states} busy={false} onAction={props.onAction} />
        </Box>
        <Box sx={{ mt: 3 }}>{props.emptyContent}</Box>
      </Paper>
    );
  }
  if (!item || !detail) {
    return (
      <Paper variant="outlined" data-testid="review-pane" sx={{ ...width, p: 2 }}>
        {props.loadError ? (
          <ErrorAlert error={props.loadError} />
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={20} />
            <Typography>{t('workspace:pane.loading')}</Typography>
          </Stack>
        )}
      </Paper>
    );
  }

  const pending = detail.pending;
  const claimUnconfirmed = pending.some((p) => CLAIM_COMMANDS.has(p.type));
  const hasConflict = detail.conflicts.length > 0;
  const reasons = props.actions.flatMap((a) => {
    const s = props.states[a.id];
    return a.tone === 'primary' && s && !s.enabled && s.reason && !s.quiet ? [{ id: a.id, text: t('workspace:pane.whyNot', { action: t(a.labelKey), reason: s.reason }) }] : [];
  });
  const scans = def.attachments.select(detail.attachments);
  const { Caption, marked } = def.attachments;
  const viewerShare = def.attachments.viewerShare ?? 45;

  return (
    <Paper variant="outlined" data-testid="review-pane" sx={width}>
      <Box sx={{ p: 1.25, pb: 1, borderBottom: 1, borderColor: 'divider', flexShrink: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5, flexWrap: 'wrap', rowGap: 0.5 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }} data-testid="review-item-id">
            {item.id}
          </Typography>
          <Chip color="primary" variant="outlined" label={t(`domain:status.${item.kind}.${item.status}`)} data-testid="review-status" />
          {pending.length > 0 && (
            <Chip
              color="info"
              label={t('workspace:pane.pending', { count: pending.length })}
              title={pending.map((p) => t('workspace:pane.pendingCommand', { action: t(`domain:commandType.${p.type}`) })).join('\n')}
              data-testid="review-pending"
            />
          )}
          {hasConflict && <Chip color="error" label={t('workspace:queue.conflict')} data-testid="review-conflict" />}
          {/* "next" is the queue's, not the item's: beside the id, so the item's actions keep their rows */}
          <Box sx={{ ml: 'auto !important' }}>
            <ActionBar actions={props.actions.filter((a) => a.id === 'next')} states={props.states} busy={props.busy} onAction={props.onAction} label={t('workspace:action.next')} />
          </Box>
        </Stack>
        <Typography variant="body2" component="div" sx={{ mb: 0.75 }} data-testid="review-claimed-by">
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {t('workspace:pane.claimedByLabel')}
          </Box>
          <ClaimedBy detail={detail} officer={officer} now={props.now} />
          {claimUnconfirmed && (
            <Chip size="small" color="info" variant="outlined" label={t('workspace:pane.unconfirmed')} sx={{ ml: 0.75, height: 20 }} data-testid="claim-unconfirmed" />
          )}
        </Typography>
        <ActionBar actions={props.actions.filter((a) => a.id !== 'next')} states={props.states} busy={props.busy} onAction={props.onAction} />
        {reasons.map((r) => (
          <Typography key={r.id} variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }} data-testid={`action-reason-${r.id}`}>
            {r.text}
          </Typography>
        ))}
        {hasConflict && (
          <Alert severity="error" role="status" sx={{ mt: 1, py: 0 }}>
            {t('workspace:pane.conflict')}
          </Alert>
        )}
      </Box>
      <Box sx={{ p: 1.25, overflow: 'auto', flex: `1 1 ${95 - viewerShare}%`, minHeight: 120 }} data-testid="review-details">
        <def.Detail item={item} detail={detail} now={props.now} onAction={props.onAction} canAction={(id) => props.states[id]?.enabled === true} showAttachment={showAttachment} online={props.online} onCommand={props.onCommand} busy={props.busy} />
      </Box>
      {/* with nothing to show, the viewer keeps one line and the details get the height */}
      <Box sx={{ px: 1.25, pb: 1.25, flex: scans.length === 0 ? '0 0 auto' : `1 1 ${viewerShare}%`, minHeight: scans.length === 0 ? 0 : 200, display: 'flex', flexDirection: 'column' }}>
        <Divider textAlign="left" sx={{ mb: 0.25 }}>
          <Typography variant="caption">{t(def.attachments.titleKey)}</Typography>
        </Divider>
        <Box sx={{ flex: 1, minHeight: 0 }}>
          <AttachmentViewer
            key={item.id}
            ref={setViewer}
            attachments={scans}
            label={(a) => def.attachments.label(a, lang)}
            online={props.online}
            fit={def.attachments.fit}
            features={def.attachments.tools}
            caption={Caption && ((a) => <Caption attachment={a} item={item} detail={detail} online={props.online} />)}
            marked={marked && ((a) => marked(a, item))}
            noneText={def.attachments.noneKey ? t(def.attachments.noneKey) : undefined}
          />
        </Box>
      </Box>
    </Paper>
  );
}

/** "你 · 有效期至 …", "刘晓燕（100005）· 有效期至 …" or "未认领". */
function ClaimedBy(props: Readonly<{ detail: ItemDetail; officer: Officer; now: Date }>) {
  const { t } = useTranslation();
  const { item, claimedByName } = props.detail;
  if (!item.claimedBy) return <>{t('workspace:pane.unclaimed')}</>;
  const who =
    item.claimedBy === props.officer.badge
      ? t('workspace:queue.me')
      : claimedByName
        ? t('workspace:pane.claimedByOther', { name: claimedByName, badge: item.claimedBy })
        : item.claimedBy;
  const until = item.claimExpiresAt;
  const lapsed = until !== null && Date.parse(until) <= props.now.getTime();
  return (
    <>
      <Box component="span" sx={{ fontWeight: 600 }} data-testid="review-claimed-by-name">
        {who}
      </Box>
      {until && (
        <Box component="span" sx={{ color: lapsed ? 'warning.main' : 'text.secondary', ml: 0.75 }}>
          · {t(lapsed ? 'workspace:pane.claimLapsed' : 'workspace:pane.claimExpires', { time: formatDateTime(until) })}
        </Box>
      )}
    </>
  );
}
