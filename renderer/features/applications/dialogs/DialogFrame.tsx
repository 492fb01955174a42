import type { ReactNode } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../../app/bridge';

export interface DialogFrameProps {
  open: boolean;
  title: string;
  testId: string;
  error: BridgeCallError | null;
  busy: boolean;
  confirmDisabled?: boolean;
  confirmLabel?: string;
  confirmColor?: 'primary' | 'error';
  hideConfirm?: boolean;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/**
 * The frame every review dialog shares: errors from the bridge show inside it (role=alert, Chinese)
 * and the dialog stays open with the officer's input, so nothing typed is lost on a failure.
 * Only errors are role=alert anywhere in the renderer; notices use role=status or note, so an
 * error is always the one alert on screen.
 */
export function DialogFrame(props: Readonly<DialogFrameProps>) {
  const { t } = useTranslation();
  return (
    <Dialog open={props.open} onClose={props.busy ? undefined : props.onCancel} maxWidth="sm" fullWidth data-testid={props.testId}>
      <DialogTitle>{props.title}</DialogTitle>
      {/* a form, so Enter in a single-line field confirms (display: contents keeps the dialog layout) */}
      <Box
        component="form"
        noValidate
        sx={{ display: 'contents' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!props.hideConfirm && !props.busy && props.confirmDisabled !== true) props.onConfirm();
        }}
      >
        <DialogContent dividers>
          <Stack spacing={1.5}>
            {props.children}
            {props.error && (
              <Alert severity="error" role="alert">
                {t(`errors.${props.error.code}`)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onCancel} disabled={props.busy} data-testid="dialog-cancel">
            {props.cancelLabel ?? t('dialog.cancel')}
          </Button>
          {!props.hideConfirm && (
            <Button
              type="submit"
              variant="contained"
              color={props.confirmColor ?? 'primary'}
              disabled={props.busy || props.confirmDisabled === true}
              data-testid="dialog-confirm"
            >
              {props.confirmLabel ?? t('dialog.confirm')}
            </Button>
          )}
        </DialogActions>
      </Box>
    </Dialog>
  );
}
