import { useEffect, useImperativeHandle, useState, type ReactNode, type Ref } from 'react';
import { Box, Button, ButtonGroup, CircularProgress, Link, Stack, Tab, Tabs, Typography } from '@mui/material';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';

type Loaded = { state: 'loading' } | { state: 'image'; url: string } | { state: 'pdf'; url: string } | { state: 'error'; error: BridgeCallError };

/** What the workspace's keys do to the viewer (`+` `-` `0` zoom, `[` `]` previous/next scan). */
export interface AttachmentViewerHandle {
  zoomIn(): void;
  zoomOut(): void;
  zoomReset(): void;
  previous(): void;
  next(): void;
}

export interface AttachmentViewerProps {
  attachments: readonly AttachmentMeta[];
  label: (a: AttachmentMeta) => string;
  online: boolean;
  /** More tools beside the zoom buttons (accidents: rotate, compare two photos). */
  tools?: ReactNode;
  ref?: Ref<AttachmentViewerHandle>;
}

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 6;
const STEP = 1.25;

function base64ToBlobUrl(base64: string, contentType: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: contentType }));
}

/**
 * Container: one attachment at a time, fetched through `attachments.get` (the core serves it from
 * its disk cache, or from the exchange when online). Images become data URLs shown at "fit width"
 * × zoom; PDFs a blob link the officer opens in the system viewer (the CSP keeps PDFs out of the
 * page). It fills the height its parent gives it, so the scan stays beside the details.
 */
export function AttachmentViewer(props: Readonly<AttachmentViewerProps>) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const count = props.attachments.length;
  const shown = Math.min(index, Math.max(0, count - 1));
  const current = props.attachments[shown];
  const sha = current?.sha256;

  useImperativeHandle(
    props.ref,
    () => ({
      zoomIn: () => setZoom((z) => Math.min(MAX_ZOOM, z * STEP)),
      zoomOut: () => setZoom((z) => Math.max(MIN_ZOOM, z / STEP)),
      zoomReset: () => setZoom(1),
      previous: () => count > 0 && setIndex((i) => (Math.min(i, count - 1) + count - 1) % count),
      next: () => count > 0 && setIndex((i) => (Math.min(i, count - 1) + 1) % count),
    }),
    [count],
  );

  useEffect(() => {
    if (!sha) return;
    let alive = true;
    let url: string | null = null;
    setLoaded({ state: 'loading' });
    bridge()
      ['attachments.get']({ sha256: sha })
      .then(
        (res) => {
          if (!alive) return;
          if (res.contentType === 'application/pdf') {
            url = base64ToBlobUrl(res.base64, res.contentType);
            setLoaded({ state: 'pdf', url });
          } else {
            setLoaded({ state: 'image', url: `data:${res.contentType};base64,${res.base64}` });
          }
        },
        (e: unknown) => alive && setLoaded({ state: 'error', error: toBridgeError(e) }),
      );
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha, props.online]);

  if (!current) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="attachment-viewer">
        {t('workspace:viewer.none')}
      </Typography>
    );
  }

  const unavailableOffline = loaded.state === 'error' && (loaded.error.code === 'offline' || (!props.online && loaded.error.code !== 'forbidden'));
  return (
    <Box data-testid="attachment-viewer" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <Tabs value={shown} onChange={(_e, v: number) => setIndex(v)} variant="scrollable" scrollButtons="auto" sx={{ minHeight: 30, flexShrink: 0 }}>
        {props.attachments.map((a, i) => (
          <Tab key={a.sha256 + a.role} label={props.label(a)} data-testid={`attachment-tab-${i}`} sx={{ minHeight: 30, py: 0.25, px: 1, whiteSpace: 'nowrap' }} />
        ))}
      </Tabs>
      <Stack direction="row" spacing={1} sx={{ my: 0.5, alignItems: 'center', flexShrink: 0 }}>
        <ButtonGroup size="small" variant="outlined" disabled={loaded.state !== 'image'}>
          <Button onClick={() => setZoom((z) => Math.max(MIN_ZOOM, z / STEP))} aria-label={t('workspace:viewer.zoomOut')} aria-keyshortcuts="-" title={`${t('workspace:viewer.zoomOut')} (-)`}>
            <ZoomOutIcon fontSize="small" />
          </Button>
          <Button onClick={() => setZoom(1)} aria-label={t('workspace:viewer.zoomReset')} aria-keyshortcuts="0" title={`${t('workspace:viewer.zoomReset')} (0)`}>
            <FitScreenIcon fontSize="small" />
          </Button>
          <Button onClick={() => setZoom((z) => Math.min(MAX_ZOOM, z * STEP))} aria-label={t('workspace:viewer.zoomIn')} aria-keyshortcuts="+" title={`${t('workspace:viewer.zoomIn')} (+)`}>
            <ZoomInIcon fontSize="small" />
          </Button>
        </ButtonGroup>
        {props.tools}
        <Typography variant="caption" color="text.secondary" aria-label={t('workspace:viewer.zoomLevel')} data-testid="attachment-zoom">
          {Math.round(zoom * 100)}%
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto !important' }}>
          {shown + 1} / {count}
        </Typography>
      </Stack>
      <Box
        sx={{
          flex: 1,
          minHeight: 120,
          overflow: 'auto',
          bgcolor: '#eef1f5',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          display: 'grid',
          placeItems: zoom <= 1 ? 'center' : 'start',
        }}
      >
        {loaded.state === 'loading' && <CircularProgress size={28} aria-label={t('workspace:viewer.loading')} />}
        {loaded.state === 'image' && (
          <img src={loaded.url} alt={props.label(current)} data-testid="attachment-image" style={{ width: `${zoom * 100}%`, display: 'block' }} />
        )}
        {loaded.state === 'pdf' && (
          <Link href={loaded.url} target="_blank" rel="noopener" download={`${current.sha256.slice(0, 12)}.pdf`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <PictureAsPdfIcon color="error" />
            {t('workspace:viewer.openPdf')}
          </Link>
        )}
        {loaded.state === 'error' &&
          (unavailableOffline ? (
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
    </Box>
  );
}
