import { useCallback, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { Box, Button, ButtonGroup, CircularProgress, Dialog, IconButton, Link, Stack, Tab, Tabs, Tooltip, Typography } from '@mui/material';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import RotateLeftIcon from '@mui/icons-material/RotateLeft';
import RotateRightIcon from '@mui/icons-material/RotateRight';
import CompareIcon from '@mui/icons-material/Compare';
import FullscreenIcon from '@mui/icons-material/Fullscreen';
import CloseIcon from '@mui/icons-material/Close';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ImageStage, MAX_ZOOM, MIN_ZOOM, ZOOM_STEP, type ImageStageHandle } from './ImageStage';
import { VIEWER_KEYS, VIEWER_LETTERS, type ViewerCommand } from './keys';
import type { ViewerTools } from './types';
import { unavailableOffline, useAttachment } from './useAttachment';

/** What the workspace's keys do to the viewer (keys.ts: `+ - 0 [ ] , .`, `F`, `M`, Shift+arrows), and what a detail may ask of it. */
export type AttachmentViewerHandle = { [C in ViewerCommand]: () => void } & {
  /** Shows that attachment (a checklist entry was clicked); in compare mode on the paged side. */
  show(sha256: string): void;
};

export interface AttachmentViewerProps {
  attachments: readonly AttachmentMeta[];
  label: (a: AttachmentMeta) => string;
  online: boolean;
  /** More tools beside the zoom buttons. */
  tools?: ReactNode;
  /** How images fit at 100% (see AttachmentLabeling.fit); `width` by default. */
  fit?: 'width' | 'contain';
  /** Rotate, compare and full screen, each off unless asked for (types.ts ViewerTools). */
  features?: ViewerTools;
  /** Shown with an attachment (findings of a photo). */
  caption?: (a: AttachmentMeta) => ReactNode;
  /** Marks an attachment's tab. */
  marked?: (a: AttachmentMeta) => boolean;
  /** What to say when there is nothing to show (default: no scans). */
  noneText?: string;
  ref?: Ref<AttachmentViewerHandle>;
}

type Side = 'paged' | 'pinned';

const PAN: Readonly<Record<string, readonly [number, number]>> = { panLeft: [1, 0], panRight: [-1, 0], panUp: [0, 1], panDown: [0, -1] };

/**
 * Container: an item's attachments, one at a time or — with `compare` — two side by side (the
 * pinned one and the one the tabs page), inline in the review pane or over the whole window
 * (`fullScreen`). Bytes come through `attachments.get` (useAttachment.ts), so what prefetch put
 * on disk shows offline. Images fit the pane's width (scans) or fit whole and zoom, turn and pan
 * (`fit: 'contain'`, photos); PDFs are a link the officer opens in the system viewer (the CSP
 * keeps PDFs out of the page). It fills the height its parent gives it.
 */
export function AttachmentViewer(props: Readonly<AttachmentViewerProps>) {
  const { t } = useTranslation();
  const features = props.features ?? {};
  const fit = props.fit ?? 'width';
  const [index, setIndex] = useState(0);
  const [pinned, setPinned] = useState<number | null>(null);
  const [active, setActive] = useState<Side>('paged');
  const [fullScreen, setFullScreen] = useState(false);
  const [zoom, setZoom] = useState<Record<Side, number>>({ paged: 1, pinned: 1 });
  const stages = useRef<Record<Side, ImageStageHandle | null>>({ paged: null, pinned: null });
  const count = props.attachments.length;
  const shown = Math.min(index, Math.max(0, count - 1));
  const current = props.attachments[shown];
  const pinnedIndex = features.compare && pinned !== null && pinned < count ? pinned : null;

  const onStage = useCallback((side: Side) => (h: ImageStageHandle | null) => {
    stages.current[side] = h;
  }, []);
  const onZoom = useCallback((side: Side) => (z: number) => setZoom((prev) => (prev[side] === z ? prev : { ...prev, [side]: z })), []);
  const zoomOf = useRef({ paged: onZoom('paged'), pinned: onZoom('pinned') }).current;
  const refOf = useRef({ paged: onStage('paged'), pinned: onStage('pinned') }).current;

  const target = (): ImageStageHandle | null => stages.current[pinnedIndex === null ? 'paged' : active];
  const widthZoom = (factor: number | null) => setZoom((z) => ({ ...z, paged: factor === null ? 1 : Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z.paged * factor)) }));
  const run = (command: ViewerCommand): void => {
    const stage = fit === 'contain' ? target() : null;
    switch (command) {
      case 'zoomIn':
        return fit === 'contain' ? stage?.zoomIn() : widthZoom(ZOOM_STEP);
      case 'zoomOut':
        return fit === 'contain' ? stage?.zoomOut() : widthZoom(1 / ZOOM_STEP);
      case 'zoomReset':
        return fit === 'contain' ? stage?.zoomReset() : widthZoom(null);
      case 'previous':
        if (count > 0) setIndex((i) => (Math.min(i, count - 1) + count - 1) % count);
        return;
      case 'next':
        if (count > 0) setIndex((i) => (Math.min(i, count - 1) + 1) % count);
        return;
      case 'rotateLeft':
      case 'rotateRight':
        if (features.rotate) stage?.rotate(command === 'rotateLeft' ? -1 : 1);
        return;
      case 'compare':
        if (!features.compare || count < 2) return;
        if (pinnedIndex !== null) {
          setPinned(null);
        } else {
          // the photo shown now stays on the left; the tabs and [ ] page the right one
          setPinned(shown);
          setIndex((shown + 1) % count);
        }
        setActive('paged');
        return;
      case 'fullScreen':
        if (features.fullScreen) setFullScreen((f) => !f);
        return;
      default: {
        const [dx, dy] = PAN[command] ?? [0, 0];
        stage?.pan(dx, dy);
      }
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  useImperativeHandle(
    props.ref,
    () => {
      const handle = {} as Record<ViewerCommand, () => void>;
      for (const c of [...Object.values(VIEWER_KEYS), ...Object.values(VIEWER_LETTERS), 'panLeft', 'panRight', 'panUp', 'panDown'] as ViewerCommand[]) handle[c] = () => runRef.current(c);
      return {
        ...handle,
        show: (sha256: string) => {
          const i = props.attachments.findIndex((a) => a.sha256 === sha256);
          if (i >= 0) setIndex(i);
        },
      };
    },
    [props.attachments],
  );

  if (!current) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="attachment-viewer">
        {props.noneText ?? t('workspace:viewer.none')}
      </Typography>
    );
  }

  const shownZoom = fit === 'contain' ? zoom[pinnedIndex === null ? 'paged' : active] : zoom.paged;
  const toolbar = (
    <Stack direction="row" spacing={0.75} sx={{ my: 0.5, alignItems: 'center', flexShrink: 0, flexWrap: 'wrap', rowGap: 0.5 }}>
      <ButtonGroup size="small" variant="outlined">
        <ToolButton label={t('workspace:viewer.zoomOut')} shortcut="-" onClick={() => run('zoomOut')}>
          <ZoomOutIcon fontSize="small" />
        </ToolButton>
        <ToolButton label={fit === 'contain' ? t('workspace:viewer.zoomFit') : t('workspace:viewer.zoomReset')} shortcut="0" onClick={() => run('zoomReset')}>
          <FitScreenIcon fontSize="small" />
        </ToolButton>
        <ToolButton label={t('workspace:viewer.zoomIn')} shortcut="+" onClick={() => run('zoomIn')}>
          <ZoomInIcon fontSize="small" />
        </ToolButton>
      </ButtonGroup>
      {features.rotate && (
        <ButtonGroup size="small" variant="outlined">
          <ToolButton label={t('workspace:viewer.rotateLeft')} shortcut="," onClick={() => run('rotateLeft')} testId="viewer-rotate-left">
            <RotateLeftIcon fontSize="small" />
          </ToolButton>
          <ToolButton label={t('workspace:viewer.rotateRight')} shortcut="." onClick={() => run('rotateRight')} testId="viewer-rotate-right">
            <RotateRightIcon fontSize="small" />
          </ToolButton>
        </ButtonGroup>
      )}
      {features.compare && count > 1 && (
        <ToolButton label={t('workspace:viewer.compare')} shortcut="M" onClick={() => run('compare')} pressed={pinnedIndex !== null} testId="viewer-compare" standalone>
          <CompareIcon fontSize="small" />
        </ToolButton>
      )}
      {features.fullScreen && !fullScreen && (
        <ToolButton label={t('workspace:viewer.fullScreen')} shortcut="F" onClick={() => run('fullScreen')} testId="viewer-full-screen" standalone>
          <FullscreenIcon fontSize="small" />
        </ToolButton>
      )}
      {props.tools}
      <Typography variant="caption" color="text.secondary" aria-label={t('workspace:viewer.zoomLevel')} data-testid="attachment-zoom">
        {Math.round(shownZoom * 100)}%
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto !important' }}>
        {shown + 1} / {count}
      </Typography>
    </Stack>
  );

  const tabs = (
    <Tabs value={shown} onChange={(_e, v: number) => setIndex(v)} variant="scrollable" scrollButtons="auto" sx={{ minHeight: 30, flexShrink: 0 }}>
      {props.attachments.map((a, i) => (
        <Tab
          key={a.sha256 + a.role + String(a.partyIdx)}
          label={
            <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
              {props.label(a)}
              {props.marked?.(a) && <Box component="span" aria-hidden sx={{ width: 7, height: 7, borderRadius: '50%', bgcolor: 'warning.main' }} />}
            </Box>
          }
          data-testid={`attachment-tab-${i}`}
          data-marked={props.marked?.(a) ? 'true' : undefined}
          sx={{ minHeight: 30, py: 0.25, px: 1, whiteSpace: 'nowrap', fontWeight: pinnedIndex === i ? 700 : undefined }}
        />
      ))}
    </Tabs>
  );

  const pane = (a: AttachmentMeta, side: Side, big: boolean) => (
    <Box key={side} sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }} data-testid={side === 'pinned' ? 'attachment-pinned' : 'attachment-current'}>
      {pinnedIndex !== null && (
        <Typography variant="caption" sx={{ fontWeight: 700, color: active === side ? 'primary.main' : 'text.secondary' }} noWrap>
          {props.label(a)}
        </Typography>
      )}
      {props.caption && <Box sx={{ flexShrink: 0 }}>{props.caption(a)}</Box>}
      <Shown
        key={a.sha256}
        attachment={a}
        label={props.label(a)}
        online={props.online}
        fit={fit}
        widthZoom={zoom.paged}
        big={big}
        stageRef={refOf[side]}
        onZoom={zoomOf[side]}
        onActivate={() => setActive(side)}
        highlighted={pinnedIndex !== null && active === side}
      />
    </Box>
  );
  const pinnedAttachment = pinnedIndex === null ? undefined : props.attachments[pinnedIndex];
  const body = (big: boolean) => (
    <Stack direction="row" spacing={1} sx={{ flex: 1, minHeight: 0 }}>
      {pinnedAttachment && pane(pinnedAttachment, 'pinned', big)}
      {pane(current, 'paged', big)}
    </Stack>
  );

  const onFullScreenKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const letter = e.key.length === 1 ? VIEWER_LETTERS[e.key.toUpperCase()] : undefined;
    const arrow = { ArrowLeft: 'panLeft', ArrowRight: 'panRight', ArrowUp: 'panUp', ArrowDown: 'panDown' }[e.key] as ViewerCommand | undefined;
    const command = VIEWER_KEYS[e.key] ?? letter ?? arrow;
    if (!command) return;
    e.preventDefault();
    e.stopPropagation();
    run(command);
  };

  return (
    <Box data-testid="attachment-viewer" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      {tabs}
      {toolbar}
      {fullScreen ? (
        <Stack sx={{ flex: 1, alignItems: 'center', justifyContent: 'center', color: 'text.secondary', border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Typography variant="body2">{t('workspace:viewer.inFullScreen')}</Typography>
        </Stack>
      ) : (
        body(false)
      )}
      {features.fullScreen && (
        <Dialog fullScreen open={fullScreen} onClose={() => setFullScreen(false)} onKeyDown={onFullScreenKey} data-testid="viewer-full-screen-dialog" aria-label={t('workspace:viewer.fullScreen')}>
          <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1.5, bgcolor: 'background.default' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} data-testid="viewer-full-screen-title">
                {current.itemId}
              </Typography>
              <Box sx={{ flex: 1, minWidth: 0 }}>{tabs}</Box>
              <Tooltip title={`${t('app:close')} (Esc)`}>
                <IconButton onClick={() => setFullScreen(false)} aria-label={t('app:close')} data-testid="viewer-full-screen-close">
                  <CloseIcon />
                </IconButton>
              </Tooltip>
            </Stack>
            {toolbar}
            {body(true)}
            <Typography variant="caption" color="text.secondary" sx={{ mt: 0.5 }}>
              {t('workspace:viewer.fullScreenKeys')}
            </Typography>
          </Box>
        </Dialog>
      )}
    </Box>
  );
}

function ToolButton(props: Readonly<{ label: string; shortcut: string; onClick: () => void; children: ReactNode; testId?: string; pressed?: boolean; standalone?: boolean }>) {
  const button = (
    <Button
      size="small"
      variant={props.pressed ? 'contained' : 'outlined'}
      onClick={props.onClick}
      aria-label={props.label}
      aria-keyshortcuts={props.shortcut}
      aria-pressed={props.pressed}
      title={`${props.label} (${props.shortcut})`}
      data-testid={props.testId}
      sx={props.standalone ? { minWidth: 36, px: 0.75 } : undefined}
    >
      {props.children}
    </Button>
  );
  return button;
}

interface ShownProps {
  attachment: AttachmentMeta;
  label: string;
  online: boolean;
  fit: 'width' | 'contain';
  widthZoom: number;
  big: boolean;
  highlighted: boolean;
  stageRef: (h: ImageStageHandle | null) => void;
  onZoom: (z: number) => void;
  onActivate: () => void;
}

/** One attachment's frame: loading, the picture, the PDF link, or why it cannot be shown. */
function Shown(props: Readonly<ShownProps>) {
  const { t } = useTranslation();
  const loaded = useAttachment(props.attachment.sha256, props.online);
  const contain = props.fit === 'contain' && loaded.state === 'image';
  return (
    <Box
      sx={{
        flex: 1,
        minHeight: props.big ? 240 : 120,
        position: 'relative',
        overflow: contain ? 'hidden' : 'auto',
        bgcolor: '#eef1f5',
        border: 1,
        borderColor: props.highlighted ? 'primary.main' : 'divider',
        borderRadius: 1,
        display: 'grid',
        placeItems: props.widthZoom <= 1 || props.fit === 'contain' ? 'center' : 'start',
      }}
    >
      {loaded.state === 'loading' && <CircularProgress size={28} aria-label={t('workspace:viewer.loading')} />}
      {loaded.state === 'image' &&
        (contain ? (
          <ImageStage url={loaded.url} alt={props.label} testId="attachment-image" ref={props.stageRef} onZoom={props.onZoom} onActivate={props.onActivate} />
        ) : (
          <img src={loaded.url} alt={props.label} data-testid="attachment-image" style={{ width: `${props.widthZoom * 100}%`, display: 'block' }} />
        ))}
      {loaded.state === 'pdf' && (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', p: 1.5, flexWrap: 'wrap', justifyContent: 'center' }} data-testid="attachment-pdf">
          <PictureAsPdfIcon color="error" sx={{ fontSize: 40 }} />
          <Box>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {props.label}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {t('workspace:viewer.pdfSize', { kb: Math.max(1, Math.round(loaded.bytes / 1024)) })}
            </Typography>
          </Box>
          <Button
            component={Link}
            variant="contained"
            href={loaded.url}
            target="_blank"
            rel="noopener"
            download={`${props.attachment.itemId}-${props.attachment.sha256.slice(0, 8)}.pdf`}
            data-testid="attachment-pdf-link"
          >
            {t('workspace:viewer.openPdf')}
          </Button>
        </Stack>
      )}
      {loaded.state === 'error' &&
        (unavailableOffline(loaded, props.online) ? (
          <Stack spacing={1} sx={{ alignItems: 'center', color: 'text.secondary', p: 2, textAlign: 'center' }} data-testid="attachment-offline">
            <CloudOffIcon />
            <Typography variant="body2">{t('workspace:viewer.offlineUnavailable')}</Typography>
          </Stack>
        ) : (
          <Box sx={{ p: 1 }}>
            <ErrorAlert error={loaded.error} />
          </Box>
        ))}
    </Box>
  );
}
