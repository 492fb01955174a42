import type { ColDef, ICellRendererParams, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { Box, Tooltip } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import PhotoCameraOutlinedIcon from '@mui/icons-material/PhotoCameraOutlined';
import HideImageOutlinedIcon from '@mui/icons-material/HideImageOutlined';
import type { ItemRow, QueueColumn } from '#shared/contract/bridge';
import { AccidentStatusSchema } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import type { QueueMapping, SortTarget } from '../workspace/datasource';
import { shortDateTime, shortPlace } from '../workspace/cells';
import { holderColumn } from '../workspace/columns';
import { DATE_FILTER, NUMBER_FILTER, TEXT_FILTER } from '../workspace/filters';
import { IdCell } from '../workspace/IdCell';
import type { WorkspaceGridContext } from '../workspace/Workspace';
import { ageMs, formatAge, overTarget, useSecondClock } from './age';
import { photoName } from './photos';

type Getter = ValueGetterParams<ItemRow, unknown, WorkspaceGridContext>;
type Cell = ICellRendererParams<ItemRow> & { t: TFunction };

/** Age against the five-minute target: live (each second) while the case is open, what it took once decided. */
function AgeCell(props: Cell) {
  const row = props.data;
  const live = !!row && !row.clearedAt && (row.status === 'reported' || row.status === 'photos_requested');
  const now = useSecondClock(live);
  if (!row) return null;
  if (!live && !row.clearedAt) return null;
  const ms = ageMs(row, now || Date.now());
  const late = overTarget(ms);
  return (
    <Box
      component="span"
      data-testid="row-age"
      data-over-target={late ? 'true' : 'false'}
      title={props.t(late ? 'accidents:age.overTarget' : 'accidents:age.withinTarget')}
      sx={{ color: late ? (live ? 'error.main' : 'text.secondary') : 'success.main', fontWeight: live ? 700 : 400, fontVariantNumeric: 'tabular-nums' }}
    >
      {formatAge(ms, props.t)}
    </Box>
  );
}

/** Missing required photos: a tick when complete, else how many, the names in the tooltip. */
function MissingCell(props: Cell) {
  const missing = props.data?.missingPhotos;
  if (!missing) return null;
  if (missing.length === 0) return <CheckIcon data-testid="row-photos-complete" aria-label={props.t('accidents:col.photosComplete')} sx={{ fontSize: 18, color: 'success.main', verticalAlign: 'middle' }} />;
  return (
    <Tooltip title={props.t('accidents:col.missingValue', { count: missing.length, photos: missing.map((c) => photoName(c, props.t)).join(props.t('accidents:listSeparator')) })}>
      <Box component="span" data-testid="row-missing" sx={{ color: 'error.main', fontWeight: 700, display: 'inline-flex', alignItems: 'center', gap: 0.25 }}>
        <CloseIcon sx={{ fontSize: 15 }} aria-hidden />
        {missing.length}
      </Box>
    </Tooltip>
  );
}

function FindingsCell(props: Cell) {
  const n = props.data?.findingCount ?? 0;
  if (n === 0) return null;
  return (
    <Box component="span" data-testid="row-findings" title={props.t('accidents:findings.signalShort')} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, color: 'warning.dark', fontWeight: 700 }}>
      <ReportProblemOutlinedIcon sx={{ fontSize: 16 }} />
      {n}
    </Box>
  );
}

const HEADER_ICONS = { photos: PhotoCameraOutlinedIcon, missing: HideImageOutlinedIcon, findings: ReportProblemOutlinedIcon } as const;

/**
 * The three count columns are headed by an icon (their names are in the tooltip and the accessible
 * name): a header holds its name, the filter button and the sort arrow, and three short numbers
 * do not need three words' width beside the review pane.
 */
function IconHeader(props: Readonly<{ icon: keyof typeof HEADER_ICONS; label: string }>) {
  const Icon = HEADER_ICONS[props.icon];
  return (
    <Box component="span" role="img" aria-label={props.label} title={props.label} sx={{ display: 'inline-flex', alignItems: 'center' }} data-testid={`header-${props.icon}`}>
      <Icon sx={{ fontSize: 18 }} />
    </Box>
  );
}


/**
 * Minimum widths per language: together under what is left beside the accident review pane at
 * 1366 px (about 850, definition.ts paneWidth), so every column is on screen; headers wrap at a
 * space, never inside a word (tests/e2e/accidents.spec.ts measures it at 1366 and 1440).
 */
const MIN_WIDTH: Readonly<Record<Language, Readonly<Record<ColumnId, number>>>> = {
  'zh-CN': { id: 120, submittedAt: 92, age: 76, place: 88, plates: 100, photos: 56, missing: 56, findings: 56, status: 92, claimedBy: 68 },
  en: { id: 120, submittedAt: 108, age: 80, place: 84, plates: 96, photos: 56, missing: 56, findings: 56, status: 96, claimedBy: 80 },
};

type ColumnId = 'id' | 'submittedAt' | 'age' | 'place' | 'plates' | 'photos' | 'missing' | 'findings' | 'status' | 'claimedBy';

export function accidentColumns(t: TFunction, lang: Language): ColDef<ItemRow>[] {
  const min = MIN_WIDTH[lang];
  const header = (id: string) => ({ headerName: t(`accidents:col.${id}`), headerTooltip: t(`accidents:col.${id}Tip`, { defaultValue: t(`accidents:col.${id}`) }) });
  const iconHeader = (id: keyof typeof HEADER_ICONS) => ({
    ...header(id),
    headerComponentParams: { innerHeaderComponent: IconHeader, innerHeaderComponentParams: { icon: id, label: t(`accidents:col.${id}`) } },
  });
  return [
    { colId: 'id', field: 'id', ...header('id'), flex: 1.1, minWidth: min.id, filter: 'agTextColumnFilter', filterParams: TEXT_FILTER, cellRenderer: IdCell, cellRendererParams: { t }, equals: () => false },
    {
      colId: 'submittedAt',
      field: 'submittedAt',
      ...header('submittedAt'),
      valueFormatter: (p) => shortDateTime(p.value as string),
      tooltipValueGetter: (p) => formatDateTime(p.value as string),
      flex: 0.9,
      minWidth: min.submittedAt,
      // oldest first: the order "next" claims in
      sort: 'asc',
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
    },
    {
      colId: 'age',
      ...header('age'),
      valueGetter: (p: Getter) => (p.data ? ageMs(p.data, Date.parse(p.context.nowIso)) : null),
      cellRenderer: AgeCell,
      cellRendererParams: { t },
      equals: () => false,
      flex: 0.7,
      minWidth: min.age,
      // an age is the time since the report: sorting it sorts the report time the other way
      filter: false,
    },
    {
      colId: 'place',
      ...header('place'),
      valueGetter: (p: Getter) => shortPlace(p.data?.place),
      tooltipValueGetter: (p) => (p.data?.place ?? null),
      flex: 1.4,
      minWidth: min.place,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'plates',
      field: 'label',
      ...header('plates'),
      tooltipValueGetter: (p) => (p.data?.label ?? null),
      flex: 1.1,
      minWidth: min.plates,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    { colId: 'photos', field: 'photoCount', ...iconHeader('photos'), type: 'rightAligned', flex: 0.5, minWidth: min.photos, filter: 'agNumberColumnFilter', filterParams: NUMBER_FILTER },
    {
      colId: 'missing',
      ...iconHeader('missing'),
      valueGetter: (p: Getter) => p.data?.missingPhotos?.length ?? null,
      cellRenderer: MissingCell,
      cellRendererParams: { t },
      flex: 0.5,
      minWidth: min.missing,
      filter: 'agNumberColumnFilter',
      filterParams: NUMBER_FILTER,
    },
    {
      colId: 'findings',
      field: 'findingCount',
      ...iconHeader('findings'),
      cellRenderer: FindingsCell,
      cellRendererParams: { t },
      flex: 0.5,
      minWidth: min.findings,
      filter: 'agNumberColumnFilter',
      filterParams: NUMBER_FILTER,
    },
    {
      colId: 'status',
      ...header('status'),
      valueGetter: (p: Getter) => (p.data ? t(`domain:status.${p.data.kind}.${p.data.status}`) : ''),
      tooltipValueGetter: (p) => p.value as string,
      flex: 0.9,
      minWidth: min.status,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    holderColumn(t, header('claimedBy'), { flex: 0.7, minWidth: min.claimedBy }),
  ];
}

// ---- the columns as the console core's queue query sees them -------------------------------------

const SORT_BY: Readonly<Record<string, SortTarget>> = {
  id: 'id',
  submittedAt: 'submittedAt',
  age: { col: 'submittedAt', reversed: true },
  place: 'place',
  plates: 'label',
  photos: 'photoCount',
  missing: 'missingPhotos',
  findings: 'findingCount',
  status: 'status',
  claimedBy: 'claimedBy',
};
const TEXT_COLUMN: Readonly<Record<string, QueueColumn>> = { id: 'id', place: 'place', plates: 'label', claimedBy: 'claimedBy' };
const COUNT_COLUMN: Readonly<Record<string, QueueColumn>> = { photos: 'photoCount', missing: 'missingPhotos', findings: 'findingCount' };

type FilterModel = { filterType?: string; type?: string; filter?: string | number | null; dateFrom?: string | null };

/** `2026-11-20 00:00:00` picked in the date filter is a Shanghai date: its day starts at 16:00Z the day before. */
function shanghaiDayStart(ymdTime: string, plusDays: number): string {
  return new Date(Date.parse(`${ymdTime.slice(0, 10)}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
}

export function accidentMapping(t: TFunction, me: string): QueueMapping {
  return {
    sortBy: SORT_BY,
    filter(colId, raw) {
      const m = (raw ?? {}) as FilterModel;
      if (colId === 'submittedAt') {
        if (!m.dateFrom) return null;
        return m.type === 'lessThan'
          ? { col: 'submittedAt', op: 'before', value: shanghaiDayStart(m.dateFrom, 0) }
          : { col: 'submittedAt', op: 'after', value: shanghaiDayStart(m.dateFrom, 1) };
      }
      const count = COUNT_COLUMN[colId];
      if (count) {
        const n = typeof m.filter === 'number' ? Math.max(0, Math.floor(m.filter)) : Number.NaN;
        if (!Number.isFinite(n)) return null;
        // greater than n ⇔ at least n + 1; less than n is the core's `before`
        if (m.type === 'greaterThan') return { col: count, op: 'after', value: String(n + 1) };
        if (m.type === 'lessThan') return { col: count, op: 'before', value: String(n) };
        return { col: count, op: 'equals', value: String(n) };
      }
      const text = String(m.filter ?? '').trim();
      if (text === '') return null;
      const op = m.type === 'equals' ? 'equals' : m.type === 'startsWith' ? 'startsWith' : 'contains';
      if (colId === 'status') {
        // officers type the status as they read it; the core stores codes
        const codes = AccidentStatusSchema.options.filter((c) => {
          const label = t(`domain:status.accident.${c}`);
          return c === text || (op === 'equals' ? label === text : op === 'startsWith' ? label.startsWith(text) : label.includes(text));
        });
        return { col: 'status', op: 'in', value: codes.length > 0 ? codes.join(',') : '-' };
      }
      if (colId === 'claimedBy' && text === t('workspace:queue.me')) return { col: 'claimedBy', op: 'equals', value: me };
      const col = TEXT_COLUMN[colId];
      return col ? { col, op, value: text.slice(0, 200) } : null;
    },
  };
}
