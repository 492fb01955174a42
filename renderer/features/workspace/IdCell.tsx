import type { ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { Box, Tooltip } from '@mui/material';
import CloudUploadOutlinedIcon from '@mui/icons-material/CloudUploadOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import type { ItemRow } from '#shared/contract/bridge';

/**
 * The id cell every queue shows: the item id with its "not sent yet" and "conflict" marks
 * (test ids `row-pending`, `row-conflict`). Give it `cellRendererParams: { t }` and `equals: () =>
 * false` on the column, so the marks re-render although the id never changes.
 */
export function IdCell(props: ICellRendererParams<ItemRow> & { t: TFunction }) {
  const row = props.data;
  if (!row) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <span>{row.id}</span>
      {row.pending && (
        <Tooltip title={props.t('workspace:queue.pending')}>
          <CloudUploadOutlinedIcon data-testid="row-pending" aria-label={props.t('workspace:queue.pending')} sx={{ fontSize: 16, color: 'info.main' }} />
        </Tooltip>
      )}
      {row.conflict && (
        <Tooltip title={props.t('workspace:queue.conflict')}>
          <ErrorOutlineIcon data-testid="row-conflict" aria-label={props.t('workspace:queue.conflict')} sx={{ fontSize: 16, color: 'error.main' }} />
        </Tooltip>
      )}
    </Box>
  );
}
