import { useState } from 'react';
import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { BridgeCallError } from './bridge';

export interface LogoutDialogProps {
  open: boolean;
  pending: number;
  error: BridgeCallError | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (wipe: boolean) => void;
}

export function LogoutDialog(props: Readonly<LogoutDialogProps>) {
  const { t } = useTranslation();
  const [wipe, setWipe] = useState(false);
  return (
    <Dialog open={props.open} onClose={props.onCancel} maxWidth="xs" fullWidth>
      <DialogTitle>{t('app:logout.title')}</DialogTitle>
      <DialogContent>
        <FormControlLabel
          control={<Checkbox checked={wipe} onChange={(e) => setWipe(e.target.checked)} slotProps={{ input: { 'data-testid': 'logout-wipe' } as object }} />}
          label={t('app:logout.wipe')}
        />
        {wipe && props.pending > 0 && (
          <Alert severity="warning" role="status" sx={{ mt: 1 }}>
            {t('app:logout.wipeWarning', { count: props.pending })}
          </Alert>
        )}
        {props.error && (
          <Alert severity="error" role="alert" sx={{ mt: 1 }}>
            {t(`errors:${props.error.code}`)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} data-testid="dialog-cancel">
          {t('app:cancel')}
        </Button>
        <Button variant="contained" color={wipe ? 'error' : 'primary'} disabled={props.busy} onClick={() => props.onConfirm(wipe)} data-testid="dialog-confirm">
          {t('app:logout.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
