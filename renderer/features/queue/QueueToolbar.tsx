import { InputAdornment, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { Trans, useTranslation } from 'react-i18next';

export interface QueueToolbarProps<V extends string> {
  views: readonly V[];
  view: V;
  viewLabel: (v: V) => string;
  viewTestId: (v: V) => string;
  search: string;
  count: number;
  onView: (v: V) => void;
  onSearch: (s: string) => void;
}

export function QueueToolbar<V extends string>(props: Readonly<QueueToolbarProps<V>>) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', px: 1.5, py: 1, flexWrap: 'wrap', rowGap: 1 }}>
      <TextField
        value={props.search}
        onChange={(e) => props.onSearch(e.target.value)}
        placeholder={t('queue.search')}
        sx={{ width: 280 }}
        slotProps={{
          htmlInput: { 'data-testid': 'quick-search', 'aria-label': t('queue.search') },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <ToggleButtonGroup exclusive value={props.view} onChange={(_e, v: V | null) => v && props.onView(v)} color="primary">
        {props.views.map((v) => (
          <ToggleButton key={v} value={v} data-testid={props.viewTestId(v)} sx={{ px: 1.5 }}>
            {props.viewLabel(v)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto !important' }} aria-live="polite">
        <Trans i18nKey="queue.count" values={{ count: props.count }} components={{ n: <b data-testid="queue-count" /> }} />
      </Typography>
    </Stack>
  );
}
