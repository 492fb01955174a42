import { useEffect, useState } from 'react';
import { Alert, Box, Button, ButtonGroup, CircularProgress, Link, Stack, Tab, Tabs, Typography } from '@mui/material';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { currentLanguage } from '../../app/i18n';
import { materialName } from '../../app/i18n/names';

type Loaded = { state: 'loading' } | { state: 'image'; url: string } | { state: 'pdf'; url: string } | { state: 'error'; error: BridgeCallError };

function labelOf(a: AttachmentMeta, lang: 'zh-CN' | 'en'): string {
  return a.role.startsWith('material:') ? materialName(a.role.slice('material:'.length), lang) : a.role;
}

function base64ToBlobUrl(base64: string, contentType: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: contentType }));
}

/**
 * Container: shows one scan at a time, fetched through `attachments.get` (the core serves it from
 * its disk cache, or from the exchange when online). Images become data URLs; PDFs a blob link the
 * officer opens in the system viewer (the CSP keeps PDFs out of the page itself).
 */
export function MaterialsViewer(props: Readonly<{ attachments: readonly AttachmentMeta[]; online: boolean }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState(1);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const current = props.attachments[Math.min(index, props.attachments.length - 1)];
  const sha = current?.sha256;

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
      <Typography variant="body2" color="text.secondary">
        {t('review.noAttachments')}
      </Typography>
    );
  }

  const unavailableOffline = loaded.state === 'error' && (loaded.error.code === 'offline' || (!props.online && loaded.error.code !== 'forbidden'));
  return (
    <Box data-testid="materials-viewer">
      <Tabs value={Math.min(index, props.attachments.length - 1)} onChange={(_e, v: number) => setIndex(v)} variant="scrollable" scrollButtons="auto" sx={{ minHeight: 32 }}>
        {props.attachments.map((a) => (
          <Tab key={a.sha256 + a.role} label={labelOf(a, lang)} sx={{ minHeight: 32, py: 0.5 }} />
        ))}
      </Tabs>
      <Stack direction="row" spacing={1} sx={{ my: 0.75, alignItems: 'center' }}>
        <ButtonGroup size="small" variant="outlined" disabled={loaded.state !== 'image'}>
          <Button onClick={() => setZoom((z) => Math.max(0.25, z / 1.25))} aria-label={t('review.zoomOut')} title={t('review.zoomOut')}>
            <ZoomOutIcon fontSize="small" />
          </Button>
          <Button onClick={() => setZoom(1)} aria-label={t('review.zoomReset')} title={t('review.zoomReset')}>
            <FitScreenIcon fontSize="small" />
          </Button>
          <Button onClick={() => setZoom((z) => Math.min(6, z * 1.25))} aria-label={t('review.zoomIn')} title={t('review.zoomIn')}>
            <ZoomInIcon fontSize="small" />
          </Button>
        </ButtonGroup>
        <Typography variant="caption" color="text.secondary">
          {Math.round(zoom * 100)}%
        </Typography>
      </Stack>
      <Box sx={{ height: 320, overflow: 'auto', bgcolor: '#eef1f5', border: 1, borderColor: 'divider', borderRadius: 1, display: 'grid', placeItems: zoom <= 1 ? 'center' : 'start' }}>
        {loaded.state === 'loading' && <CircularProgress size={28} aria-label={t('review.loadingAttachment')} />}
        {loaded.state === 'image' && <img src={loaded.url} alt={labelOf(current, lang)} style={{ width: `${zoom * 100}%`, display: 'block' }} />}
        {loaded.state === 'pdf' && (
          <Link href={loaded.url} target="_blank" rel="noopener" download={`${current.sha256.slice(0, 12)}.pdf`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <PictureAsPdfIcon color="error" />
            {t('review.openPdf')}
          </Link>
        )}
        {loaded.state === 'error' &&
          (unavailableOffline ? (
            <Stack spacing={1} sx={{ alignItems: 'center', color: 'text.secondary' }} data-testid="attachment-offline">
              <CloudOffIcon />
              <Typography variant="body2">{t('review.offlineUnavailable')}</Typography>
            </Stack>
          ) : (
            <Alert severity="error" role="alert">
              {t(`errors.${loaded.error.code}`)}
            </Alert>
          ))}
      </Box>
    </Box>
  );
}
