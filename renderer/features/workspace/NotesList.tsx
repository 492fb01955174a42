import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Note } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { useOfficerName } from '../../app/officers';

/** An item's notes, oldest first, each with when and who (by name where the directory has it). Test id `note`. */
export function NotesList(props: Readonly<{ notes: readonly Note[] }>) {
  const { t } = useTranslation();
  const nameOf = useOfficerName();
  if (props.notes.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('workspace:pane.noNotes')}
      </Typography>
    );
  }
  return (
    <>
      {props.notes.map((n) => {
        const name = nameOf(n.by);
        return (
          <Box key={`${n.at}-${n.by}`} data-testid="note">
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(n.at)} · {name ? t('workspace:pane.claimedByOther', { name, badge: n.by }) : n.by}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {n.text}
            </Typography>
          </Box>
        );
      })}
    </>
  );
}
