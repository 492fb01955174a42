import { useCallback, useState } from 'react';
import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '#shared/domain/items';
import type { Officer } from '#shared/domain/officers';
import { currentLanguage } from '../../app/i18n';
import { refusalText } from './actionState';
import { claimThenEach, type ClaimThenOutcome } from './claimThen';
import type { ItemCommand } from './types';

export interface BulkRun {
  readonly running: boolean;
  readonly progress: number;
  /** Null until the batch is through. */
  readonly outcomes: readonly ClaimThenOutcome[] | null;
  readonly start: (build: (item: WorkItem) => ItemCommand) => void;
}

/** Runs a bulk action over `ids` (claimThen.ts for each, in order) and keeps its progress and outcome. */
export function useBulkRun(ids: readonly string[], officer: Officer, onDone: () => void): BulkRun {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState(0);
  const [outcomes, setOutcomes] = useState<ClaimThenOutcome[] | null>(null);
  const start = useCallback(
    (build: (item: WorkItem) => ItemCommand) => {
      setRunning(true);
      setProgress(0);
      void claimThenEach(ids, build, officer, (done) => setProgress(done))
        .then((out) => {
          setOutcomes(out);
          onDone();
        })
        .finally(() => setRunning(false));
    },
    [ids, officer, onDone],
  );
  return { running, progress, outcomes, start };
}

/**
 * The batch's progress, then what was done and what was not, each refusal worded like a button's
 * (who holds it, which status does not allow it). Test ids `bulk-progress`, `bulk-summary`,
 * `bulk-skipped-<id>`.
 */
export function BulkOutcome(props: Readonly<{ run: BulkRun; total: number; officer: Officer }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { run } = props;
  if (run.running) {
    return (
      <Box data-testid="bulk-progress">
        <Typography variant="body2">{t('workspace:bulk.progress', { done: run.progress, total: props.total })}</Typography>
        <LinearProgress variant="determinate" value={props.total === 0 ? 100 : (100 * run.progress) / props.total} />
      </Box>
    );
  }
  if (!run.outcomes) return null;
  const skipped = run.outcomes.filter((o) => !o.ok);
  return (
    <Alert severity={skipped.length === 0 ? 'success' : 'warning'} role="status" data-testid="bulk-summary" data-done={run.outcomes.length - skipped.length} data-skipped={skipped.length}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {t('workspace:bulk.summary', { done: run.outcomes.length - skipped.length, skipped: skipped.length })}
      </Typography>
      {skipped.map((o) =>
        o.ok ? null : (
          <Typography key={o.id} variant="caption" component="p" data-testid={`bulk-skipped-${o.id}`}>
            {t('workspace:bulk.skipped', {
              id: o.id,
              reason: o.item
                ? refusalText({}, o.refusal, o.action, { item: o.item, detail: { item: o.item, rev: 0, claimedByName: null, attachments: [], pending: [], conflicts: [] }, officer: props.officer, t, lang })
                : o.refusal.message,
            })}
          </Typography>
        ),
      )}
    </Alert>
  );
}
