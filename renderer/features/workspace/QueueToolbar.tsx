import { useState, useSyncExternalStore, type CompositionEvent, type Ref } from 'react';
import { IconButton, InputAdornment, Stack, TextField, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import { Trans, useTranslation } from 'react-i18next';
import { WORKSPACE_KEYS } from './commonActions';
import type { ViewDef } from './types';

export interface QueueToolbarProps {
  views: readonly ViewDef[];
  view: string;
  searchPlaceholder: string;
  count: CountStore;
  searchRef: Ref<HTMLInputElement>;
  onView: (id: string) => void;
  /**
   * The search as typed, at every change but none inside an input method's composition (its
   * latin keys are not the text yet): the workspace asks the core at once when no page is
   * loading, else the latest text once the page in flight is answered (Workspace).
   */
  onSearch: (s: string) => void;
  /** Esc, ↓ or Enter in the search box: back to the list. */
  onLeaveSearch: () => void;
  onHelp: () => void;
}

/**
 * The queue's count: set by the workspace's datasource at each page, shown by the toolbar alone,
 * so a page that changes it re-renders this bar and not the whole workspace.
 */
export interface CountStore {
  get(): number;
  set(n: number): void;
  subscribe(listener: () => void): () => void;
}

export function createCountStore(): CountStore {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(n) {
      if (n === value) return;
      value = n;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Quick search, the saved views (with their number keys), the count and the shortcut list. */
export function QueueToolbar(props: Readonly<QueueToolbarProps>) {
  const { t } = useTranslation();
  // The text as typed lives here, so a key re-renders this bar and not the whole workspace (its
  // grid and review pane cost ~55 ms a render over a 100k queue, issue 11); the workspace hears
  // of it from the event itself, before this bar renders.
  const [typed, setTyped] = useState('');
  const count = useSyncExternalStore(props.count.subscribe, props.count.get);
  const { onSearch } = props;
  return (
    <Stack direction="row" sx={{ alignItems: 'center', px: 1, py: 0.75, flexWrap: 'wrap', gap: 1 }}>
      <TextField
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          if (!(e.nativeEvent as InputEvent).isComposing) onSearch(e.target.value);
        }}
        placeholder={props.searchPlaceholder}
        sx={{ width: 250, flexShrink: 0 }}
        inputRef={props.searchRef}
        onKeyDown={(e) => {
          // Enter or Esc inside a composition is the input method's (commit, cancel)
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Escape' || e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault();
            onSearch(typed);
            props.onLeaveSearch();
          }
        }}
        slotProps={{
          htmlInput: {
            onCompositionEnd: (e: CompositionEvent<HTMLInputElement>) => onSearch(e.currentTarget.value),
            'data-testid': 'quick-search',
            'aria-label': props.searchPlaceholder, 'aria-keyshortcuts': WORKSPACE_KEYS.search },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <ToggleButtonGroup exclusive value={props.view} onChange={(_e, v: string | null) => v && props.onView(v)} color="primary" aria-label={t('workspace:queue.views')}>
        {props.views.map((v, i) => (
          <Tooltip key={v.id} title={`${t(v.labelKey)} (${i + 1})`} enterDelay={600}>
            <ToggleButton value={v.id} data-testid={v.testId} aria-keyshortcuts={String(i + 1)} sx={{ px: 1.25, py: 0.5, whiteSpace: 'nowrap' }}>
              {t(v.labelKey)}
            </ToggleButton>
          </Tooltip>
        ))}
      </ToggleButtonGroup>
      <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto', whiteSpace: 'nowrap' }} aria-live="polite">
        <Trans i18nKey="workspace:queue.count" count={count} values={{ count }} components={{ n: <b data-testid="queue-count" /> }} />
      </Typography>
      <Tooltip title={`${t('workspace:action.shortcuts')} (?)`}>
        <IconButton size="small" onClick={props.onHelp} aria-label={t('workspace:action.shortcuts')} aria-keyshortcuts="?" data-testid="shortcuts-open">
          <KeyboardIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}
