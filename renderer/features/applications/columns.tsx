import type { ColDef, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { ItemRow, QueueColumn } from '#shared/contract/bridge';
import { ApplicationStatusSchema } from '#shared/domain/items';
import type { QueueMapping } from '../workspace/datasource';
import { holderColumn } from '../workspace/columns';
import { DATE_FILTER, TEXT_FILTER } from '../workspace/filters';
import { IdCell } from '../workspace/IdCell';
import type { WorkspaceGridContext } from '../workspace/Workspace';
import { maskName } from '#shared/rules/masking';
import { formatDate, formatDateTime } from '../../app/format';
import { serviceName } from '../../app/i18n/names';
import type { Language } from '../../app/i18n';
import { daysLeftCached, urgencyOf } from './daysLeft';
import { deadlineClockRuns } from '#shared/domain/status';

type Getter = ValueGetterParams<ItemRow, unknown, WorkspaceGridContext>;


/**
 * Minimum column widths per language. Each adds up to under 800 px, what is left beside the review
 * pane at 1280 px, so no column falls off-screen there; a header wraps onto a second line at a
 * space rather than being cut, so each is at least as wide as its longest word (English
 * "Applicant", Chinese "剩余工作日"). tests/e2e/workspace.spec.ts measures it at 1280, 1366, 1440.
 */
const MIN_WIDTH: Readonly<Record<Language, Readonly<Record<string, number>>>> = {
  'zh-CN': { id: 144, service: 104, applicant: 76, submittedAt: 120, dueAt: 92, daysLeft: 84, status: 96, claimedBy: 80 },
  en: { id: 144, service: 92, applicant: 100, submittedAt: 120, dueAt: 92, daysLeft: 72, status: 92, claimedBy: 92 },
};

export function applicationColumns(t: TFunction, lang: Language): ColDef<ItemRow>[] {
  const min = MIN_WIDTH[lang] as Readonly<Record<'id' | 'service' | 'applicant' | 'submittedAt' | 'dueAt' | 'daysLeft' | 'status' | 'claimedBy', number>>;
  return [
    {
      colId: 'id',
      field: 'id',
      headerName: t('applications:col.id'),
      headerTooltip: t('applications:col.id'),
      flex: 1.2,
      minWidth: min.id,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
      cellRenderer: IdCell,
      cellRendererParams: { t },
      // the id never changes but its pending/conflict marks do: always re-render on row updates
      equals: () => false,
    },
    {
      colId: 'service',
      headerName: t('applications:col.service'),
      headerTooltip: t('applications:col.service'),
      valueGetter: (p: Getter) => (p.data ? serviceName(p.data.label, lang) : ''),
      flex: 1.5,
      minWidth: min.service,
      tooltipValueGetter: (p) => p.value as string,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'applicant',
      headerName: t('applications:col.applicant'),
      headerTooltip: t('applications:col.applicant'),
      // the masked ID number is in the tooltip and the review pane: the name is what the clerk reads
      valueGetter: (p: Getter) => (p.data ? maskName(p.data.person) : ''),
      tooltipValueGetter: (p) => (p.data ? `${maskName(p.data.person)} ${p.data.personIdMasked}` : ''),
      flex: 0.8,
      minWidth: min.applicant,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    {
      colId: 'submittedAt',
      field: 'submittedAt',
      headerName: t('applications:col.submittedAt'),
      headerTooltip: t('applications:col.submittedAt'),
      valueFormatter: (p) => formatDateTime(p.value as string),
      flex: 1.1,
      minWidth: min.submittedAt,
      sort: 'asc',
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
    },
    {
      colId: 'dueAt',
      field: 'dueAt',
      headerName: t('applications:col.dueAt'),
      headerTooltip: t('applications:col.dueAt'),
      // a deadline is always the end of a Shanghai day, so the date says it all
      valueFormatter: (p) => formatDate(p.value as string | null),
      flex: 0.9,
      minWidth: min.dueAt,
      filter: 'agDateColumnFilter',
      filterParams: DATE_FILTER,
    },
    {
      colId: 'daysLeft',
      headerName: t('applications:col.daysLeft'),
      headerTooltip: t('applications:col.daysLeftTip'),
      // a finished application has no deadline left to count
      valueGetter: (p: Getter) => (p.data && deadlineClockRuns(p.data) ? daysLeftCached(p.data.dueAt, p.context.nowIso) : null),
      flex: 0.7,
      minWidth: min.daysLeft,
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
      headerName: t('applications:col.status'),
      headerTooltip: t('applications:col.status'),
      valueGetter: (p: Getter) => (p.data ? t(`domain:status.${p.data.kind}.${p.data.status}`) : ''),
      tooltipValueGetter: (p) => p.value as string,
      flex: 1,
      minWidth: min.status,
      filter: 'agTextColumnFilter',
      filterParams: TEXT_FILTER,
    },
    holderColumn(t, { headerName: t('applications:col.claimedBy'), headerTooltip: t('applications:col.claimedBy') }, { flex: 0.8, minWidth: min.claimedBy }),
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
          const label = t(`domain:status.application.${c}`);
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
