import { Button, Stack, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ACTION_TEST_ID, SHORTCUT, type ReviewAction } from './actions';

const LABEL_KEY: Readonly<Record<ReviewAction, string>> = {
  claim: 'action.claim',
  release: 'action.release',
  approve: 'action.approve',
  reject: 'action.reject',
  supplement: 'action.supplement',
  handover: 'action.handover',
  next: 'action.next',
  reveal: 'action.reveal',
};

const PRIMARY: readonly ReviewAction[] = ['claim', 'approve'];
const DANGER: readonly ReviewAction[] = ['reject'];

export interface ActionBarProps {
  actions: readonly ReviewAction[];
  enabled: Readonly<Record<ReviewAction, boolean>>;
  busy: boolean;
  onAction: (a: ReviewAction) => void;
}

/** Action buttons with their single-key shortcut in the label, e.g. "批准 (A)". */
export function ActionBar(props: Readonly<ActionBarProps>) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.75 }} role="toolbar" aria-label={t('review.actionsTitle')}>
      {props.actions.map((a) => {
        const label = t('action.withKey', { label: t(LABEL_KEY[a]), key: SHORTCUT[a] });
        return (
          <Tooltip key={a} title={label}>
            <span>
              <Button
                variant={PRIMARY.includes(a) ? 'contained' : 'outlined'}
                color={DANGER.includes(a) ? 'error' : 'primary'}
                disabled={props.busy || !props.enabled[a]}
                onClick={() => props.onAction(a)}
                data-testid={ACTION_TEST_ID[a]}
                aria-keyshortcuts={SHORTCUT[a]}
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
