import type { KeyboardEvent, ReactNode } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';

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

/** Where Enter belongs to the control itself: a button presses, a text area breaks the line, a list opens. */
function enterIsTheControls(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'BUTTON' || tag === 'SELECT' || tag === 'A' || target.getAttribute('role') === 'combobox';
}

/**
 * The frame every workspace dialog shares: errors from the bridge show inside it (role=alert, in
 * the officer's language) and the dialog stays open with the officer's input, so nothing typed is
 * lost on a failure. Enter confirms from anywhere in the dialog except where Enter is the focused
 * control's own (a button, a text area, a list) — so a pre-filled dialog confirms with one key;
 * Ctrl+Enter confirms from anywhere. Esc cancels. Only errors are role=alert anywhere in the renderer; notices use role=status or
 * note, so an error is always the one alert on screen.
 */
export function DialogFrame(props: Readonly<DialogFrameProps>) {
  const { t } = useTranslation();
  const canConfirm = !props.hideConfirm && !props.busy && props.confirmDisabled !== true;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.nativeEvent.isComposing) return;
    // Ctrl+Enter confirms from a text area too; plain Enter leaves the focused control its own
    if (!(e.ctrlKey || e.metaKey) && enterIsTheControls(e.target)) return;
    e.preventDefault();
    if (canConfirm) props.onConfirm();
  };
  return (
    <Dialog open={props.open} onClose={props.busy ? undefined : props.onCancel} maxWidth="sm" fullWidth data-testid={props.testId} onKeyDown={onKeyDown}>
      <DialogTitle>{props.title}</DialogTitle>
      {/* a form too, so a submit button and Enter in a single-line field behave natively (display: contents keeps the layout) */}
      <Box
        component="form"
        noValidate
        sx={{ display: 'contents' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (canConfirm) props.onConfirm();
        }}
      >
        <DialogContent dividers>
          <Stack spacing={1.5}>
            {props.children}
            {props.error && <ErrorAlert error={props.error} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onCancel} disabled={props.busy} data-testid="dialog-cancel">
            {props.cancelLabel ?? t('workspace:dialog.cancel')}
          </Button>
          {!props.hideConfirm && (
            <Button
              type="submit"
              variant="contained"
              color={props.confirmColor ?? 'primary'}
              disabled={props.busy || props.confirmDisabled === true}
              data-testid="dialog-confirm"
            >
              {props.confirmLabel ?? t('workspace:dialog.confirm')}
            </Button>
          )}
        </DialogActions>
      </Box>
    </Dialog>
  );
}
