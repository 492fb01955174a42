import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_KEYS } from './commonActions';
import type { ActionBarItem } from './ActionBar';
import type { BulkActionDef, ViewDef, ViewerTools } from './types';

export interface ShortcutsOverlayProps {
  open: boolean;
  views: readonly ViewDef[];
  actions: readonly ActionBarItem[];
  /** Actions over several ticked rows (their letters then mean them). */
  bulk?: readonly BulkActionDef[];
  /** The viewer's extra tools, whose keys are listed too. */
  viewerTools?: ViewerTools;
  /** Whether a zoomed picture pans (photos that fit whole, AttachmentLabeling.fit). */
  viewerPans?: boolean;
  onClose: () => void;
}

function Key(props: Readonly<{ k: string }>) {
  return (
    <Box
      component="kbd"
      sx={{ display: 'inline-block', minWidth: 22, px: 0.75, py: 0.1, mr: 0.5, border: 1, borderColor: 'divider', borderBottomWidth: 2, borderRadius: 1, bgcolor: '#f6f8fb', fontFamily: 'monospace', fontSize: 12, textAlign: 'center' }}
    >
      {props.k}
    </Box>
  );
}

/** One line of a key table: the keys (pressed together or as alternatives) and what they do. */
export type ShortcutRow = readonly [keys: readonly string[], text: string];
type Row = ShortcutRow;

/** A titled key table (the workspace's `?` overlay and the hall's use the same). */
export function ShortcutSection(props: Readonly<{ title: string; rows: readonly Row[] }>) {
  const { t } = useTranslation();
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {props.title}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 120 }}>{t('workspace:shortcuts.key')}</TableCell>
            <TableCell>{t('workspace:shortcuts.does')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(([keys, text]) => (
            <TableRow key={keys.join(' ') + text} data-testid="shortcut-row">
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {keys.map((k) => (
                  <Key key={k} k={k} />
                ))}
              </TableCell>
              <TableCell>{text}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The `?` overlay: every key of the workspace, built from the same tables the keys are read from. */
export function ShortcutsOverlay(props: Readonly<ShortcutsOverlayProps>) {
  const { t } = useTranslation();
  const queue: Row[] = [
    [[WORKSPACE_KEYS.next], t('workspace:shortcuts.next')],
    [['↑', '↓'], t('workspace:shortcuts.move')],
    [[WORKSPACE_KEYS.search], t('workspace:shortcuts.search')],
    [['Esc'], t('workspace:shortcuts.backToList')],
    ...props.views.map((v, i): Row => [[String(i + 1)], t('workspace:shortcuts.view', { view: t(v.labelKey) })]),
    ...((props.bulk ?? []).length > 0 ? [[['Space'], t('workspace:shortcuts.tick')] as Row] : []),
    ...(props.bulk ?? []).flatMap((b): Row[] => (b.shortcut ? [[[b.shortcut], t('workspace:shortcuts.bulk', { action: t(b.labelKey) })]] : [])),
    [[WORKSPACE_KEYS.help], t('workspace:shortcuts.help')],
  ];
  const item: Row[] = [
    ...props.actions.map((a): Row => [[a.shortcut], t(a.labelKey)]),
    [['+', '-', '0'], `${t('workspace:viewer.zoomIn')} / ${t('workspace:viewer.zoomOut')} / ${t('workspace:viewer.zoomReset')}`],
    [['[', ']'], t('workspace:viewer.switch')],
    ...(props.viewerTools?.rotate ? [[[',', '.'], t('workspace:viewer.rotate')] as Row] : []),
    ...(props.viewerPans ? [[['Shift', '←', '↑', '→', '↓'], t('workspace:viewer.pan')] as Row] : []),
    ...(props.viewerTools?.compare ? [[['M'], t('workspace:viewer.compare')] as Row] : []),
    ...(props.viewerTools?.fullScreen ? [[['F'], t('workspace:viewer.fullScreen')] as Row] : []),
  ];
  const dialog: Row[] = [
    [['Enter'], t('workspace:shortcuts.confirm')],
    [['Esc'], t('workspace:shortcuts.cancel')],
  ];
  return (
    <ShortcutsDialog
      open={props.open}
      onClose={props.onClose}
      title={t('workspace:shortcuts.title')}
      hint={t('workspace:shortcuts.hint')}
      helpKey={WORKSPACE_KEYS.help}
      left={<ShortcutSection title={t('workspace:shortcuts.queue')} rows={queue} />}
      right={
        <>
          <ShortcutSection title={t('workspace:shortcuts.item')} rows={item} />
          <ShortcutSection title={t('workspace:shortcuts.dialog')} rows={dialog} />
        </>
      }
    />
  );
}

/** The frame of a `?` overlay: a title, a hint, two columns of key tables; `?` or Esc closes it. */
export function ShortcutsDialog(props: Readonly<{ open: boolean; onClose: () => void; title: string; hint?: string; helpKey: string; left: ReactNode; right: ReactNode }>) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      data-testid="shortcuts-overlay"
      aria-labelledby="shortcuts-title"
      onKeyDown={(e) => {
        if (e.key === props.helpKey) {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <DialogTitle id="shortcuts-title">{props.title}</DialogTitle>
      <DialogContent dividers>
        {props.hint && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {props.hint}
          </Typography>
        )}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>{props.left}</Box>
          <Stack spacing={2} sx={{ flex: 1 }}>
            {props.right}
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} data-testid="shortcuts-close">
          {t('app:close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
