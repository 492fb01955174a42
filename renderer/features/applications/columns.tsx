import type { ColDef, ICellRendererParams, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { Box, Tooltip } from '@mui/material';
import CloudUploadOutlinedIcon from '@mui/icons-material/CloudUploadOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import type { ItemRow } from '#shared/contract/bridge';
import { maskName } from '#shared/rules/masking';
import { formatDate, formatDateTime } from '../../app/format';
import { serviceName } from '../../app/i18n/names';
import type { Language } from '../../app/i18n';
import { daysLeftCached, urgencyOf } from './daysLeft';
import { isOpen } from './views';

/** Mutable grid context: updated in place each minute / on login, then the affected cells refresh. */
export interface QueueGridContext {
  nowIso: string;
  me: string;
}

type Getter = ValueGetterParams<ItemRow, unknown, QueueGridContext>;

function IdCell(props: ICellRendererParams<ItemRow> & { t: TFunction }) {
  const row = props.data;
  if (!row) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <span>{row.id}</span>
      {row.pending && (
        <Tooltip title={props.t('queue.pending')}>
          <CloudUploadOutlinedIcon data-testid="row-pending" aria-label={props.t('queue.pending')} sx={{ fontSize: 16, color: 'info.main' }} />
        </Tooltip>
      )}
      {row.conflict && (
        <Tooltip title={props.t('queue.conflict')}>
          <ErrorOutlineIcon data-testid="row-conflict" aria-label={props.t('queue.conflict')} sx={{ fontSize: 16, color: 'error.main' }} />
        </Tooltip>
      )}
    </Box>
  );
}

export function applicationColumns(t: TFunction, lang: Language): ColDef<ItemRow>[] {
  return [
    {
      colId: 'id',
      field: 'id',
      headerName: t('queue.col.id'),
      headerTooltip: t('queue.col.id'),
      flex: 1.3,
      minWidth: 152,
      filter: 'agTextColumnFilter',
      cellRenderer: IdCell,
      cellRendererParams: { t },
      // the id never changes but its pending/conflict marks do: always re-render on row updates
      equals: () => false,
    },
    {
      colId: 'service',
      headerName: t('queue.col.service'),
      headerTooltip: t('queue.col.service'),
      valueGetter: (p: Getter) => (p.data ? serviceName(p.data.label, lang) : ''),
      flex: 1.4,
      minWidth: 104,
      tooltipValueGetter: (p) => p.value as string,
      filter: 'agTextColumnFilter',
    },
    {
      colId: 'applicant',
      headerName: t('queue.col.applicant'),
      headerTooltip: t('queue.col.applicant'),
      valueGetter: (p: Getter) => (p.data ? `${maskName(p.data.person)} ${p.data.personIdMasked}` : ''),
      flex: 1.6,
      minWidth: 188,
      filter: 'agTextColumnFilter',
    },
    {
      colId: 'submittedAt',
      field: 'submittedAt',
      headerName: t('queue.col.submittedAt'),
      headerTooltip: t('queue.col.submittedAt'),
      valueFormatter: (p) => formatDateTime(p.value as string),
      flex: 1.1,
      minWidth: 128,
      sort: 'asc',
      getQuickFilterText: () => '',
    },
    {
      colId: 'dueAt',
      field: 'dueAt',
      headerName: t('queue.col.dueAt'),
      headerTooltip: t('queue.col.dueAt'),
      // a deadline is always the end of a Shanghai day, so the date says it all
      valueFormatter: (p) => formatDate(p.value as string | null),
      flex: 0.9,
      minWidth: 96,
      getQuickFilterText: () => '',
    },
    {
      colId: 'daysLeft',
      headerName: t('queue.col.daysLeft'),
      headerTooltip: t('queue.col.daysLeft'),
      // a finished application has no deadline left to count
      valueGetter: (p: Getter) => (p.data && isOpen(p.data) ? daysLeftCached(p.data.dueAt, p.context.nowIso) : null),
      flex: 0.8,
      minWidth: 84,
      type: 'rightAligned',
      filter: 'agNumberColumnFilter',
      cellClassRules: {
        'days-overdue': (p) => urgencyOf(p.value as number | null) === 'overdue',
        'days-soon': (p) => urgencyOf(p.value as number | null) === 'soon',
      },
      getQuickFilterText: () => '',
    },
    {
      colId: 'status',
      headerName: t('queue.col.status'),
      headerTooltip: t('queue.col.status'),
      valueGetter: (p: Getter) => (p.data ? t(`status.${p.data.kind}.${p.data.status}`) : ''),
      flex: 1,
      minWidth: 96,
      filter: 'agTextColumnFilter',
    },
    {
      colId: 'claimedBy',
      headerName: t('queue.col.claimedBy'),
      headerTooltip: t('queue.col.claimedBy'),
      valueGetter: (p: Getter) => {
        const by = p.data?.claimedBy;
        if (!by) return '';
        return by === p.context.me ? t('queue.me') : by;
      },
      flex: 0.7,
      minWidth: 72,
      filter: 'agTextColumnFilter',
    },
  ];
}
