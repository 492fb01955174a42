import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { HALL_KEYS } from './keys';

type Row = readonly [keys: readonly string[], text: string];

function Section(props: Readonly<{ title: string; rows: readonly Row[] }>) {
  const { t } = useTranslation();
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {props.title}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 110 }}>{t('hall:shortcuts.key')}</TableCell>
            <TableCell>{t('hall:shortcuts.does')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(([keys, text]) => (
            <TableRow key={keys.join(' ')} data-testid="shortcut-row">
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {keys.map((k) => (
                  <Box key={k} component="kbd" sx={{ display: 'inline-block', minWidth: 22, px: 0.75, mr: 0.5, border: 1, borderColor: 'divider', borderBottomWidth: 2, borderRadius: 1, bgcolor: '#f6f8fb', fontFamily: 'monospace', fontSize: 12, textAlign: 'center' }}>
                    {k}
                  </Box>
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

/** The `?` overlay of the hall window, listed from the same key table the page reads (keys.ts). */
export function HallShortcuts(props: Readonly<{ open: boolean; onClose: () => void }>) {
  const { t } = useTranslation();
  const list: Row[] = [
    [['↑', '↓'], t('hall:shortcuts.move')],
    [['1', '2', '3'], t('hall:shortcuts.section')],
    [[HALL_KEYS.search], t('hall:shortcuts.search')],
    [[HALL_KEYS.help], t('hall:shortcuts.help')],
  ];
  const appointment: Row[] = [
    [[HALL_KEYS.check_in], t('hall:action.check_in')],
    [[HALL_KEYS.serve], t('hall:action.serve')],
    [[HALL_KEYS.no_show], t('hall:action.no_show')],
  ];
  const pickup: Row[] = [
    [[HALL_KEYS.hand_over], `${t('hall:window.title')} · ${t('hall:action.hand_over')}`],
    [[HALL_KEYS.dispatch], `${t('hall:ems.title')} · ${t('hall:action.dispatch')}`],
  ];
  const dialog: Row[] = [
    [['Enter'], t('hall:shortcuts.confirm')],
    [['Esc'], t('hall:shortcuts.cancel')],
  ];
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      data-testid="shortcuts-overlay"
      aria-labelledby="hall-shortcuts-title"
      onKeyDown={(e) => {
        if (e.key === HALL_KEYS.help) {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <DialogTitle id="hall-shortcuts-title">{t('hall:shortcuts.title')}</DialogTitle>
      <DialogContent dividers>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1 }}>
            <Section title={t('hall:shortcuts.list')} rows={list} />
          </Box>
          <Stack spacing={2} sx={{ flex: 1 }}>
            <Section title={t('hall:shortcuts.appointment')} rows={appointment} />
            <Section title={t('hall:shortcuts.pickup')} rows={pickup} />
            <Section title={t('hall:shortcuts.dialog')} rows={dialog} />
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
