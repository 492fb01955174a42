import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { GridApi } from 'ag-grid-community';
import type { ItemRow } from '#shared/contract/bridge';
import { useDebounced, useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { shanghaiToday } from '../../app/format';
import { useSession } from '../../app/session';
import { QueueGrid } from '../queue/QueueGrid';
import { QueueToolbar } from '../queue/QueueToolbar';
import { useItemRows } from '../queue/useItemRows';
import { applicationColumns, type QueueGridContext } from './columns';
import { deadlineCounts, inView, VIEWS, VIEW_TEST_ID, type QueueView } from './views';
import { DeadlineOverview } from './DeadlineOverview';
import { ReviewPane } from './ReviewPane';

const VIEW_LABEL_KEY: Readonly<Record<QueueView, string>> = {
  all: 'queue.views.all',
  mine: 'queue.views.mine',
  dueToday: 'queue.views.dueToday',
  overdue: 'queue.views.overdue',
  supplement: 'queue.views.supplement',
};

/** Container: the application queue beside the review pane. */
export function ApplicationsPage(props: Readonly<{ online: boolean; active: boolean }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { session } = useSession();
  const me = session.officer.badge;
  const now = useNow();
  const nowIso = new Date(now).toISOString();
  const apiRef = useRef<GridApi<ItemRow> | null>(null);
  const lastIndexRef = useRef<number | null>(null);
  const [view, setView] = useState<QueueView>('all');
  const [search, setSearch] = useState('');
  const [count, setCount] = useState(0);
  const quickFilter = useDebounced(search, 150);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [refreshTick, setRefreshTick] = useState(0);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;

  const onChanged = useCallback((ids: readonly string[]) => {
    if (selectedRef.current && ids.includes(selectedRef.current)) setRefreshTick((n) => n + 1);
  }, []);
  const rows = useItemRows('application', apiRef, onChanged);

  // One context object for the grid's lifetime, updated in place (see QueueGridContext).
  const [context] = useState<QueueGridContext>(() => ({ nowIso, me }));
  useEffect(() => {
    context.nowIso = nowIso;
    context.me = me;
    apiRef.current?.refreshCells({ columns: ['daysLeft', 'claimedBy'] });
  }, [context, nowIso, me]);

  const columns = useMemo(() => applicationColumns(t, lang), [t, lang]);
  const today = shanghaiToday(now);
  const externalFilter = useMemo(() => (view === 'all' ? null : (row: ItemRow) => inView(view, row, { me, nowIso, today })), [view, me, nowIso, today]);
  useEffect(() => {
    apiRef.current?.onFilterChanged();
  }, [externalFilter]);

  // Only a full load (or a remount for another language) hands the grid a new array; deltas are transactions.
  const { initialRows, snapshot, version } = rows;
  const gridRows = useMemo(() => (initialRows && lang ? snapshot() : []), [initialRows, snapshot, lang]);
  // Only shown while nothing is selected, so only computed then.
  const counts = useMemo(() => (selectedId === null ? deadlineCounts(snapshot(), nowIso) : null), [selectedId, snapshot, version, nowIso]);

  const onSelect = useCallback((id: string | null, rowIndex: number | null) => {
    if (id) {
      setSelectedId(id);
      lastIndexRef.current = rowIndex;
    }
  }, []);

  /** Next row in the current view; if the current row just left the view, the one now in its place. */
  const next = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const node = selectedRef.current ? api.getRowNode(selectedRef.current) : undefined;
    const shownAt = node?.displayed ? node.rowIndex : null;
    const idx = shownAt !== null && shownAt !== undefined ? shownAt + 1 : (lastIndexRef.current ?? -1) + (selectedRef.current ? 0 : 1);
    const target = api.getDisplayedRowAtIndex(Math.min(idx, api.getDisplayedRowCount() - 1));
    if (!target?.data || target.data.id === selectedRef.current) return;
    target.setSelected(true, true);
    api.ensureIndexVisible(target.rowIndex ?? 0);
    // keep the grid's keyboard focus on the selected row, so the arrow keys continue from here
    if (api.getFocusedCell() && target.rowIndex !== null) api.setFocusedCell(target.rowIndex, 'id');
  }, []);

  return (
    <Box sx={{ display: 'flex', flex: 1, minHeight: 0, gap: 1, p: 1 }}>
      <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <QueueToolbar<QueueView>
          views={VIEWS}
          view={view}
          viewLabel={(v) => t(VIEW_LABEL_KEY[v])}
          viewTestId={(v) => VIEW_TEST_ID[v]}
          search={search}
          count={count}
          onView={setView}
          onSearch={setSearch}
        />
        <QueueGrid<QueueGridContext>
          rows={gridRows}
          columns={columns}
          context={context}
          language={lang}
          quickFilter={quickFilter}
          externalFilter={externalFilter}
          emptyText={t('queue.empty')}
          onReady={(api) => {
            apiRef.current = api;
            api.onFilterChanged();
          }}
          onSelect={onSelect}
          onCount={setCount}
        />
      </Paper>
      <ReviewPane
        itemId={selectedId}
        refreshTick={refreshTick}
        online={props.online}
        active={props.active}
        onNext={next}
        emptyContent={counts && <DeadlineOverview counts={counts} />}
      />
    </Box>
  );
}
