import { useState } from 'react';
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { useOfficerName } from '../../app/officers';
import type { ItemCommand } from '../workspace/types';
import { SHORTCUT } from './actions';

export interface MessagesPanelProps {
  readonly tip: Tip;
  readonly canReply: boolean;
  readonly busy: boolean;
  readonly onCommand: (cmd: ItemCommand, doneKey: string) => void;
}

/**
 * The thread with the reporter, oldest first: the reporter's follow-ups (anonymous to officers)
 * and officers' replies (which reach the reporter as text only, never with the officer's name),
 * with a reply box under it (Ctrl+Enter sends; the `Y` key opens the same reply as a dialog).
 */
export function MessagesPanel(props: Readonly<MessagesPanelProps>) {
  const { t } = useTranslation();
  const nameOf = useOfficerName();
  const [text, setText] = useState('');
  const messages = props.tip.data.messages;
  const send = () => {
    const body = text.trim();
    if (body === '' || !props.canReply || props.busy) return;
    props.onCommand({ type: 'feedback', body: { text: body } }, 'tips:action.reply');
    setText('');
  };
  return (
    <Stack spacing={0.75} data-testid="messages">
      {messages.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('tips:messages.none')}
        </Typography>
      )}
      {messages.map((m, i) => {
        const officer = m.from === 'officer';
        const who = officer ? (m.by ? (nameOf(m.by) ?? m.by) : t('tips:messages.officer')) : t('tips:messages.reporter');
        return (
          <Box
            key={`${m.at}-${i}`}
            data-testid="message"
            data-from={m.from}
            sx={{ alignSelf: officer ? 'flex-end' : 'flex-start', maxWidth: '88%', bgcolor: officer ? '#e3f0ff' : '#f1f3f5', borderRadius: 1.5, px: 1, py: 0.5 }}
          >
            <Typography variant="caption" color="text.secondary" component="div">
              {who} · {formatDateTime(m.at)}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {m.text}
            </Typography>
          </Box>
        );
      })}
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'flex-end' }}>
        <TextField
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            }
          }}
          placeholder={t('tips:messages.replyPlaceholder')}
          disabled={!props.canReply}
          multiline
          minRows={1}
          maxRows={4}
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'reply-text', maxLength: 1000, 'aria-label': t('tips:messages.replyLabel') } }}
        />
        <Button variant="contained" onClick={send} disabled={!props.canReply || props.busy || text.trim() === ''} data-testid="reply-send" sx={{ whiteSpace: 'nowrap' }}>
          {t('tips:messages.send')}
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {t('tips:messages.hint', { key: SHORTCUT.reply })}
      </Typography>
    </Stack>
  );
}
