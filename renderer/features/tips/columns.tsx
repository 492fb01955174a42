import type { ColDef, ICellRendererParams, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { Box, Tooltip } from '@mui/material';
import LayersOutlinedIcon from '@mui/icons-material/LayersOutlined';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import type { ItemRow } from '#shared/contract/bridge';
import { TipCategorySchema, TipStatusSchema, UrgencyLevelSchema, type UrgencyLevel } from '#shared/domain/items';
import { UNITS } from '#shared/data/units';
import { isRouteOverdue } from '#shared/rules/tipRouting';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import type { QueueMapping, SortTarget } from '../workspace/datasource';
import { claimedByFilter, codesFilter, countFilter, DATE_FILTER, dateFilter, modelOf, TEXT_FILTER, textFilter } from '../workspace/filters';
import { shortDateTime, shortPlace } from '../workspace/cells';
import { holderColumn } from '../workspace/columns';
import { IdCell } from '../workspace/IdCell';
import type { WorkspaceGridContext } from '../workspace/Workspace';
import { categoryName, urgencyReasonText } from './reasons';
import { shortUnitName } from './units';

type Getter = ValueGetterParams<ItemRow, unknown, WorkspaceGridContext>;
type Cell = ICellRendererParams<ItemRow, unknown, WorkspaceGridContext> & { t: TFunction; lang: Language };

export const LEVEL_COLOR: Readonly<Record<UrgencyLevel, string>> = { critical: '#b71c1c', high: '#e65100', medium: '#8d6e00', low: '#546e7a' };

/** The level (coloured) and score, then the reasons that are not the category's, as far as they fit; all in the tooltip. */
function UrgencyCell(props: Cell) {
  const row = props.data;
  if (!row?.urgency) return null;
  const reasons = row.urgencyReasons ?? [];
  const own = reasons.filter((r) => !r.startsWith('category:')).map((r) => urgencyReasonText(r, props.t, props.lang));
  const all = reasons.map((r) => urgencyReasonText(r, props.t, props.lang)).join(props.t('tips:listSeparator'));
  return (
    <Tooltip title={props.t('tips:col.urgencyValue', { level: props.t(`tips:level.${row.urgency}`), score: row.urgencyScore ?? 0, reasons: all })}>
      <Box component="span" data-testid="row-urgency" data-level={row.urgency} sx={{ display: 'inline-flex', alignItems: 'baseline', gap: 0.5, minWidth: 0, maxWidth: '100%', overflow: 'hidden' }}>
        <Box component="span" sx={{ color: LEVEL_COLOR[row.urgency], fontWeight: 700, whiteSpace: 'nowrap' }}>
          {props.t(`tips:level.${row.urgency}`)}
        </Box>
        <Box component="span" sx={{ color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
          {row.urgencyScore ?? 0}
        </Box>
        {own.length > 0 && (
          <Box component="span" sx={{ color: 'text.secondary', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="row-urgency-reasons">
            {own.join(props.t('tips:listSeparator'))}
          </Box>
        )}
      </Box>
    </Tooltip>
  );
}

/** The duplicate group's size when it has more than one tip, and the candidates still to look at. */
function GroupCell(props: Cell) {
  const row = props.data;
  if (!row) return null;
  const size = row.groupSize ?? 1;
  const candidates = row.status === 'new' && !row.duplicateOf ? (row.candidateCount ?? 0) : 0;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
      {size > 1 && (
        <Tooltip title={props.t('tips:col.groupValue', { count: size })}>
          <Box component="span" data-testid="row-group" data-size={size} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, fontWeight: 700 }}>
            <LayersOutlinedIcon sx={{ fontSize: 16 }} aria-hidden />
            {size}
          </Box>
        </Tooltip>
      )}
      {candidates > 0 && (
        <Tooltip title={props.t('tips:col.candidatesValue', { count: candidates })}>
          <Box component="span" data-testid="row-candidates" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, color: 'warning.dark' }}>
            <CompareArrowsIcon sx={{ fontSize: 16 }} aria-hidden />
            {candidates}
          </Box>
        </Tooltip>
      )}
    </Box>
  );
}

/** The routed unit's deadline; past it (still routed) it says so in red. */
function DeadlineCell(props: Cell) {
  const row = props.data;
  if (!row?.dueAt) return null;
  const overdue = isRouteOverdue({ status: row.status as 'routed', dueAt: row.dueAt }, Date.parse(props.context.nowIso));
  return (
    <Box component="span" data-testid={overdue ? 'row-overdue' : 'row-deadline'} className={overdue ? 'days-overdue' : undefined} sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {overdue ? props.t('tips:col.overdueValue', { time: shortDateTime(row.dueAt) }) : shortDateTime(row.dueAt)}
    </Box>
  );
}

type ColumnId = 'id' | 'submittedAt' | 'category' | 'urgency' | 'place' | 'group' | 'status' | 'routedTo' | 'dueAt' | 'claimedBy';

/**
 * Minimum widths per language: together (with the tick column) under what is left beside the tip
 * review pane at 1366 px (definition.ts paneWidth), so every column is on screen; headers wrap at
 * a space (tests/e2e/tips.spec.ts measures it at 1366 and 1440).
 */
const MIN_WIDTH: Readonly<Record<Language, Readonly<Record<ColumnId, number>>>> = {
  'zh-CN': { id: 112, submittedAt: 96, category: 72, urgency: 116, place: 72, group: 52, status: 68, routedTo: 72, dueAt: 96, claimedBy: 64 },
  en: { id: 108, submittedAt: 92, category: 72, urgency: 100, place: 60, group: 56, status: 72, routedTo: 80, dueAt: 92, claimedBy: 80 },
};

export function tipColumns(t: TFunction, lang: Language): ColDef<ItemRow>[] {
  const min = MIN_WIDTH[lang];
  const header = (id: ColumnId) => ({ headerName: t(`tips:col.${id}`), headerTooltip: t(`tips:col.${id}Tip`, { defaultValue: t(`tips:col.${id}`) }) });
  const cell = { t, lang };
  return [
    { colId: 'id', field: 'id', ...header('id'), flex: 1.1, minWidth: min.id, filter: 'agTextColumnFilter', filterParams: TEXT_FILTER, cellRenderer: IdCell, cellRendererParams: { t }, equals: () => false },
    {
      colId: 'submittedAt',
      field: 'submittedAt',
      ...header('submittedAt'),
      valueFormatter: (p) => shortDateTime(p.value as string),
      tooltipValueGetter: (p) => formatDateTime(p.value as string),
      flex: 0.8,
      minWidth: min.submittedAt,
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
    },
    {
      colId: 'category',
      ...header('category'),
      valueGetter: (p: Getter) => (p.data ? categoryName(p.data.label, lang) : ''),
      tooltipValueGetter: (p) => (p.value as string) || null,
      flex: 0.8,
      minWidth: min.category,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'urgency',
      ...header('urgency'),
      valueGetter: (p: Getter) => p.data?.urgencyScore ?? null,
      cellRenderer: UrgencyCell,
      cellRendererParams: cell,
      flex: 1.6,
      minWidth: min.urgency,
      // most urgent first: the level, the score within it, then the oldest (the order "next" claims in)
      sort: 'desc',
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'place',
      ...header('place'),
      valueGetter: (p: Getter) => shortPlace(p.data?.place),
      tooltipValueGetter: (p) => p.data?.place || null,
      flex: 1.1,
      minWidth: min.place,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'group',
      ...header('group'),
      valueGetter: (p: Getter) => p.data?.groupSize ?? null,
      cellRenderer: GroupCell,
      cellRendererParams: cell,
      flex: 0.5,
      minWidth: min.group,
      // sorted, not filtered: a narrow column keeps its header (the count filters through the core all the same)
      filter: false,
    },
    {
      colId: 'status',
      ...header('status'),
      valueGetter: (p: Getter) => (p.data ? t(`domain:status.tip.${p.data.status}`) : ''),
      tooltipValueGetter: (p) => p.value as string,
      flex: 0.7,
      minWidth: min.status,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'routedTo',
      ...header('routedTo'),
      valueGetter: (p: Getter) => (p.data?.routedTo ? shortUnitName(p.data.routedTo, lang) : ''),
      tooltipValueGetter: (p) => (p.data?.routedTo ? localUnitName(p.data.routedTo, lang) : null),
      flex: 1,
      minWidth: min.routedTo,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'dueAt',
      field: 'dueAt',
      ...header('dueAt'),
      cellRenderer: DeadlineCell,
      cellRendererParams: cell,
      equals: () => false,
      tooltipValueGetter: (p) => formatDateTime(p.value as string) || null,
      flex: 0.8,
      minWidth: min.dueAt,
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
    },
    holderColumn(t, header('claimedBy'), { flex: 0.7, minWidth: min.claimedBy }),
  ];
}

// ---- the columns as the console core's queue query sees them -------------------------------------

const SORT_BY: Readonly<Record<ColumnId, SortTarget>> = {
  id: 'id',
  submittedAt: 'submittedAt',
  category: 'label',
  urgency: { cols: ['urgency', 'urgencyScore', { col: 'submittedAt', reversed: true }] },
  place: 'place',
  group: 'groupSize',
  status: 'status',
  routedTo: 'routedTo',
  dueAt: 'dueAt',
  claimedBy: 'claimedBy',
};
const UNIT_CODES = UNITS.filter((u) => u.level === 'division' || u.level === 'station' || u.level === 'district' || u.level === 'city').map((u) => u.code);

export function tipMapping(t: TFunction, me: string, lang: Language): QueueMapping {
  return {
    sortBy: SORT_BY,
    filter(colId, raw) {
      const m = modelOf(raw);
      switch (colId as ColumnId) {
        case 'id':
          return textFilter('id', m);
        case 'place':
          return textFilter('place', m);
        case 'submittedAt':
          return dateFilter('submittedAt', m);
        case 'dueAt':
          return dateFilter('dueAt', m);
        case 'group':
          return countFilter('groupSize', m);
        // officers type what they read; the core stores codes
        case 'category':
          return codesFilter('label', m, TipCategorySchema.options, (c) => categoryName(c, lang));
        case 'urgency':
          return codesFilter('urgency', m, UrgencyLevelSchema.options, (l) => t(`tips:level.${l}`));
        case 'status':
          return codesFilter('status', m, TipStatusSchema.options, (s) => t(`domain:status.tip.${s}`));
        case 'routedTo':
          return codesFilter('routedTo', m, UNIT_CODES, (c) => localUnitName(c, lang));
        case 'claimedBy':
          return claimedByFilter(m, me, t('workspace:queue.me'));
        default:
          return null;
      }
    },
  };
}
