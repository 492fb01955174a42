import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { formatPercent } from './figures';

export interface RateRow {
  readonly key: string;
  readonly name: string;
  /** Under the name, smaller (a badge). */
  readonly sub?: string;
  /** The full name, when `name` is shortened. */
  readonly title?: string;
  readonly counts: readonly number[];
  readonly rate: number | null;
}

/** Below this a rate's bar is drawn in the warning colour. */
const WARN_RATE = 0.9;

/**
 * A compact table of named rows with counts and a rate, the rate also as a bar (the eye finds the
 * short ones). Rows come sorted (lowest first, figures.ts lowestFirst). Row test ids
 * `<testId>-<key>`; the rate cell `<testId>-rate-<key>` holds the formatted percentage.
 */
export function RateTable(
  props: Readonly<{
    testId: string;
    caption: string;
    nameHeader: string;
    countHeaders: readonly string[];
    rateHeader: string;
    rows: readonly RateRow[];
    maxHeight?: number;
    /** The rate as written (default a percentage) and how full its bar is (default the rate). */
    format?: (rate: number | null) => string;
    fill?: (rate: number) => number;
    warnBelow?: number;
  }>,
) {
  const format = props.format ?? formatPercent;
  const fill = props.fill ?? ((r: number) => r);
  const warnBelow = props.warnBelow ?? WARN_RATE;
  return (
    <TableContainer sx={{ maxHeight: props.maxHeight ?? 260 }} data-testid={props.testId}>
      <Table size="small" stickyHeader aria-label={props.caption}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ py: 0.5 }}>{props.nameHeader}</TableCell>
            {props.countHeaders.map((h) => (
              <TableCell key={h} align="right" sx={{ py: 0.5, whiteSpace: 'nowrap' }}>
                {h}
              </TableCell>
            ))}
            <TableCell align="right" sx={{ py: 0.5, whiteSpace: 'nowrap', width: 150 }}>
              {props.rateHeader}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map((r) => (
            <TableRow key={r.key} data-testid={`${props.testId}-${r.key}`}>
              <TableCell sx={{ py: 0.5, maxWidth: 220 }}>
                <Typography variant="body2" noWrap title={r.title ?? r.name}>
                  {r.name}
                </Typography>
                {r.sub && (
                  <Typography variant="caption" color="text.secondary">
                    {r.sub}
                  </Typography>
                )}
              </TableCell>
              {r.counts.map((c, i) => (
                <TableCell key={i} align="right" sx={{ py: 0.5, fontVariantNumeric: 'tabular-nums' }}>
                  {c}
                </TableCell>
              ))}
              <TableCell align="right" sx={{ py: 0.5 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, justifyContent: 'flex-end' }}>
                  <Box aria-hidden sx={{ flex: 1, height: 8, bgcolor: 'action.hover', borderRadius: 1, overflow: 'hidden', minWidth: 48 }}>
                    <Box sx={{ width: `${fill(r.rate ?? 0) * 100}%`, height: '100%', bgcolor: r.rate !== null && r.rate < warnBelow ? 'warning.main' : 'success.main' }} />
                  </Box>
                  <Box component="span" data-testid={`${props.testId}-rate-${r.key}`} sx={{ minWidth: 48, fontVariantNumeric: 'tabular-nums' }}>
                    {format(r.rate)}
                  </Box>
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
