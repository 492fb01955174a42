import { useState, type ReactNode } from 'react';
import { Alert, Box, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../app/bridge';
import { DialogFrame } from './DialogFrame';

export interface RevealDialogProps {
  readonly title: string;
  /** Why the value is masked and that the reveal is audited. */
  readonly explain: string;
  readonly reasonLabel: string;
  readonly reasonTooShort: string;
  /** The caption over the clear value. */
  readonly resultLabel: string;
  readonly error: BridgeCallError | null;
  readonly busy: boolean;
  readonly onClose: () => void;
  /**
   * The audited read (`items.reveal`), run through the dialog's `run` so that busy and errors show
   * in the dialog; resolves with the clear value, or undefined when it failed.
   */
  readonly reveal: (reason: string) => Promise<string | undefined>;
  /** What to reveal, when there is a choice (accidents: which party); `revealed` disables it. */
  readonly children?: (revealed: boolean) => ReactNode;
}

/**
 * The reveal every kind shares: a clear value (an ID number, a phone, a tip's reporter) only after
 * a reason of two characters or more, audited on the exchange (so it needs the network); shown
 * once in the dialog and nowhere else, never cached. Test ids `reveal-dialog`, `reveal-reason`,
 * `reveal-value`.
 */
export function RevealDialog(props: Readonly<RevealDialogProps>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const tooShort = reason.trim().length < 2;
  const revealed = value !== null;
  const reveal = () => {
    void props.reveal(reason.trim()).then((v) => v !== undefined && setValue(v));
  };
  return (
    <DialogFrame
      open
      title={props.title}
      testId="reveal-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={tooShort}
      hideConfirm={revealed}
      cancelLabel={revealed ? t('app:close') : undefined}
      onCancel={props.onClose}
      onConfirm={reveal}
    >
      <Alert severity="warning" role="note">
        {props.explain}
      </Alert>
      {props.children?.(revealed)}
      <TextField
        label={props.reasonLabel}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
        disabled={revealed}
        helperText={tooShort ? props.reasonTooShort : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'reveal-reason', maxLength: 200 } }}
      />
      {revealed && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            {props.resultLabel}
          </Typography>
          <Typography data-testid="reveal-value" sx={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 1, wordBreak: 'break-all' }}>
            {value}
          </Typography>
        </Box>
      )}
    </DialogFrame>
  );
}
