import { useState } from 'react';
import { Alert, Chip, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';

const CANNED = ['received', 'checking', 'thanks'] as const;

/** A reply to the reporter (text only: the reporter never learns who wrote it); Ctrl+Enter sends. */
export function ReplyDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const missing = text.trim() === '';
  return (
    <DialogFrame
      open
      title={t('tips:dialog.replyTitle')}
      testId="reply-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={missing}
      confirmLabel={t('tips:messages.send')}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'feedback', body: { text: text.trim() } })}
    >
      <Alert severity="info" role="note">
        {t('tips:messages.anonymity')}
      </Alert>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
        {CANNED.map((c) => (
          <Chip key={c} size="small" variant="outlined" label={t(`tips:messages.canned.${c}`)} onClick={() => setText(t(`tips:messages.canned.${c}`))} data-testid={`reply-canned-${c}`} />
        ))}
      </Stack>
      <TextField
        label={t('tips:messages.replyLabel')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoFocus
        multiline
        minRows={3}
        required
        slotProps={{ htmlInput: { 'data-testid': 'reply-dialog-text', maxLength: 1000 } }}
      />
    </DialogFrame>
  );
}
