import { Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BulkActionDef } from './types';

export interface BulkBarProps {
  readonly actions: readonly BulkActionDef[];
  readonly count: number;
  readonly onAction: (id: string) => void;
  readonly onClear: () => void;
}

/** Over the grid while two rows or more are ticked: how many, the bulk actions with their keys, and "clear". */
export function BulkBar(props: Readonly<BulkBarProps>) {
  const { t } = useTranslation();
  return (
    <Paper square elevation={0} sx={{ px: 1, py: 0.5, bgcolor: '#e8f0fe', borderTop: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="bulk-bar">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }} role="toolbar" aria-label={t('workspace:bulk.title')}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="bulk-count" aria-live="polite">
          {t('workspace:bulk.selected', { count: props.count })}
        </Typography>
        {props.actions.map((a) => (
          <Button
            key={a.id}
            size="small"
            variant="contained"
            onClick={() => props.onAction(a.id)}
            data-testid={a.testId}
            aria-keyshortcuts={a.shortcut}
            sx={{ whiteSpace: 'nowrap' }}
          >
            {a.shortcut ? t('workspace:action.withKey', { label: t(a.labelKey), key: a.shortcut }) : t(a.labelKey)}
          </Button>
        ))}
        <Button size="small" onClick={props.onClear} data-testid="bulk-clear" sx={{ whiteSpace: 'nowrap' }}>
          {t('workspace:bulk.clear')}
        </Button>
      </Stack>
    </Paper>
  );
}
