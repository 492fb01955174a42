import type { ReactNode } from 'react';
import { Box, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import type { BridgeCallError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';

/**
 * One dashboard card: a heading (a landmark for screen readers and the keyboard's heading jumps),
 * what it adds at the right, a thin bar while its figures load, the error if they failed (the
 * last figures stay below it), then the content. Test id `section-<id>`.
 */
export function Section(
  props: Readonly<{ id: string; title: string; action?: ReactNode; loading?: boolean; error?: BridgeCallError | null; children: ReactNode; wide?: boolean }>,
) {
  const headingId = `section-${props.id}-title`;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={headingId}
      data-testid={`section-${props.id}`}
      sx={{ p: 1.5, minWidth: 0, gridColumn: props.wide ? '1 / -1' : undefined, position: 'relative', display: 'flex', flexDirection: 'column' }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 1, minHeight: 30 }}>
        <Typography variant="subtitle1" component="h2" id={headingId} sx={{ fontWeight: 600 }}>
          {props.title}
        </Typography>
        {props.action}
      </Stack>
      <Box sx={{ position: 'absolute', left: 0, right: 0, top: 0, height: 2 }}>{props.loading && <LinearProgress sx={{ height: 2 }} />}</Box>
      {props.error && (
        <Box sx={{ mb: 1 }}>
          <ErrorAlert error={props.error} />
        </Box>
      )}
      {props.children}
    </Paper>
  );
}

/** A line of muted text: an empty state or a note under a table. */
export function Note(props: Readonly<{ children: ReactNode; testId?: string }>) {
  return (
    <Typography variant="body2" color="text.secondary" data-testid={props.testId} sx={{ py: 0.5 }}>
      {props.children}
    </Typography>
  );
}
