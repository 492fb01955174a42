import { Button, Stack, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ActionState } from './types';

export interface ActionBarItem {
  readonly id: string;
  readonly labelKey: string;
  readonly shortcut: string;
  readonly testId: string;
  readonly tone?: 'primary' | 'danger';
}

export interface ActionBarProps {
  actions: readonly ActionBarItem[];
  states: Readonly<Record<string, ActionState>>;
  busy: boolean;
  onAction: (id: string) => void;
  /** The toolbar's accessible name (default: the pane's "actions"). */
  label?: string;
}

/**
 * Action buttons with their single-key shortcut in the label ("批准 (A)"). A disabled button keeps
 * its reason in the tooltip (and in `data-reason`, so the pane can list it and tests can read it).
 * Labels never wrap; the bar wraps between buttons.
 */
export function ActionBar(props: Readonly<ActionBarProps>) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.75 }} role="toolbar" aria-label={props.label ?? t('workspace:pane.actionsTitle')}>
      {props.actions.map((a) => {
        const label = t('workspace:action.withKey', { label: t(a.labelKey), key: a.shortcut });
        const state = props.states[a.id] ?? { enabled: false, reason: null };
        const reason = state.enabled ? null : state.reason;
        return (
          <Tooltip key={a.id} title={reason ?? label}>
            <span>
              <Button
                variant={a.tone === 'primary' ? 'contained' : 'outlined'}
                color={a.tone === 'danger' ? 'error' : 'primary'}
                disabled={props.busy || !state.enabled}
                onClick={() => props.onAction(a.id)}
                data-testid={a.testId}
                data-reason={reason ?? undefined}
                aria-keyshortcuts={a.shortcut}
                sx={{ whiteSpace: 'nowrap' }}
              >
                {label}
              </Button>
            </span>
          </Tooltip>
        );
      })}
    </Stack>
  );
}
