import type { ColDef, ICellRendererParams, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { Box, Tooltip } from '@mui/material';
import CloudUploadOutlinedIcon from '@mui/icons-material/CloudUploadOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import type { ItemRow, QueueColumn } from '#shared/contract/bridge';
import { ApplicationStatusSchema } from '#shared/domain/items';
import type { QueueMapping } from '../queue/datasource';
import { maskName } from '#shared/rules/masking';
import { formatDate, formatDateTime } from '../../app/format';
import { serviceName } from '../../app/i18n/names';
import type { Language } from '../../app/i18n';
import { daysLeftCached, urgencyOf } from './daysLeft';
import { deadlineClockRuns } from '#shared/domain/status';

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

const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'startsWith'], maxNumConditions: 1 };
const DATE_FILTER = { filterOptions: ['lessThan', 'greaterThan'], maxNumConditions: 1 };

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
      filterParams: TEXT_FILTER,
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
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'applicant',
      headerName: t('queue.col.applicant'),
      headerTooltip: t('queue.col.applicant'),
      valueGetter: (p: Getter) => (p.data ? `${maskName(p.data.person)} ${p.data.personIdMasked}` : ''),
      flex: 1.6,
      minWidth: 188,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
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
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
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
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
    },
    {
      colId: 'daysLeft',
      headerName: t('queue.col.daysLeft'),
      headerTooltip: t('queue.col.daysLeft'),
      // a finished application has no deadline left to count
      valueGetter: (p: Getter) => (p.data && deadlineClockRuns(p.data) ? daysLeftCached(p.data.dueAt, p.context.nowIso) : null),
      flex: 0.8,
      minWidth: 84,
      type: 'rightAligned',
      // counted in the renderer, so the core cannot filter on it; it sorts by the deadline
      filter: false,
      cellClassRules: {
        'days-overdue': (p) => urgencyOf(p.value as number | null) === 'overdue',
        'days-soon': (p) => urgencyOf(p.value as number | null) === 'soon',
      },
    },
    {
      colId: 'status',
      headerName: t('queue.col.status'),
      headerTooltip: t('queue.col.status'),
      valueGetter: (p: Getter) => (p.data ? t(`status.${p.data.kind}.${p.data.status}`) : ''),
      flex: 1,
      minWidth: 96,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
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
      filterParams: TEXT_FILTER,
    },
  ];
}

// ---- the columns as the console core's queue query sees them -------------------------------------

const SORT_BY: Readonly<Record<string, QueueColumn>> = {
  id: 'id',
  service: 'label',
  applicant: 'person',
  submittedAt: 'submittedAt',
  dueAt: 'dueAt',
  daysLeft: 'dueAt', // fewer working days left ⇔ an earlier deadline
  status: 'status',
  claimedBy: 'claimedBy',
};
const TEXT_COLUMN: Readonly<Record<string, QueueColumn>> = { id: 'id', service: 'label', applicant: 'person', claimedBy: 'claimedBy' };

type TextModel = { filterType?: string; type?: string; filter?: string | number | null; dateFrom?: string | null };

/** `2026-11-20 00:00:00` picked in the date filter is a Shanghai date: its day starts at 16:00Z the day before. */
function shanghaiDayStart(ymdTime: string, plusDays: number): string {
  const ymd = ymdTime.slice(0, 10);
  return new Date(Date.parse(`${ymd}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
}

export function applicationMapping(t: TFunction, me: string): QueueMapping {
  return {
    sortBy: SORT_BY,
    filter(colId, raw) {
      const m = (raw ?? {}) as TextModel;
      if (colId === 'submittedAt' || colId === 'dueAt') {
        if (!m.dateFrom) return null;
        // "before 20 Nov" ends where that day starts; "after 20 Nov" starts where the next day starts
        return m.type === 'lessThan'
          ? { col: colId, op: 'before', value: shanghaiDayStart(m.dateFrom, 0) }
          : { col: colId, op: 'after', value: shanghaiDayStart(m.dateFrom, 1) };
      }
      const text = String(m.filter ?? '').trim();
      if (text === '') return null;
      const op = m.type === 'equals' ? 'equals' : m.type === 'startsWith' ? 'startsWith' : 'contains';
      if (colId === 'status') {
        // officers type the status as they read it; the core stores codes
        const codes = ApplicationStatusSchema.options.filter((c) => {
          const label = t(`status.application.${c}`);
          return c === text || (op === 'equals' ? label === text : op === 'startsWith' ? label.startsWith(text) : label.includes(text));
        });
        return { col: 'status', op: 'in', value: codes.length > 0 ? codes.join(',') : '-' };
      }
      if (colId === 'claimedBy' && text === t('queue.me')) return { col: 'claimedBy', op: 'equals', value: me };
      const col = TEXT_COLUMN[colId];
      return col ? { col, op, value: text.slice(0, 200) } : null;
    },
  };
}
