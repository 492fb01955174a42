import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { GridApi } from 'ag-grid-community';
import type { ItemRow } from '#shared/contract/bridge';
import { bridge, onBridgeEvent } from '../../app/bridge';
import { useDebounced, useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { useNotify } from '../../app/notify';
import { useSession } from '../../app/session';
import { QueueGrid } from '../queue/QueueGrid';
import { QueueToolbar } from '../queue/QueueToolbar';
import { queueDatasource, type BaseQuery, type OrderedQuery } from '../queue/datasource';
import { applicationColumns, applicationMapping, type QueueGridContext } from './columns';
import { CORE_VIEW, VIEWS, VIEW_TEST_ID, type QueueView } from './views';
import { DeadlineOverview } from './DeadlineOverview';
import { useDeadlineCounts } from './useDeadlineCounts';
import { ReviewPane } from './ReviewPane';

const VIEW_LABEL_KEY: Readonly<Record<QueueView, string>> = {
  all: 'queue.views.all',
  mine: 'queue.views.mine',
  dueToday: 'queue.views.dueToday',
  overdue: 'queue.views.overdue',
  supplement: 'queue.views.supplement',
};

/**
 * Container: the application queue beside the review pane. The grid pages through the console
 * cache (items.query); a saved view or a search purges its blocks, an `items.changed` event
 * refreshes the loaded ones in place.
 */
export function ApplicationsPage(props: Readonly<{ online: boolean; active: boolean }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const notify = useNotify();
  const { session } = useSession();
  const me = session.officer.badge;
  const now = useNow();
  const nowIso = new Date(now).toISOString();
  const apiRef = useRef<GridApi<ItemRow> | null>(null);
  const lastIndexRef = useRef<number | null>(null);
  const [view, setView] = useState<QueueView>('all');
  const [search, setSearch] = useState('');
  // Short enough that a finished word filters at once, long enough that fast typing asks the core
  // once per pause rather than once per key (each query scans the cached queue in SQLite).
  const quickFilter = useDebounced(search, 60);
  const [count, setCount] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [refreshTick, setRefreshTick] = useState(0);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;

  // What the grid asks: read by the datasource at each block load, so it never goes stale.
  const baseRef = useRef<BaseQuery>({ kind: 'application', view: 'all', search: '' });
  const lastQueryRef = useRef<OrderedQuery | null>(null);
  useEffect(() => {
    baseRef.current = { kind: 'application', view: CORE_VIEW[view], search: quickFilter.slice(0, 100) };
    apiRef.current?.purgeInfiniteCache();
  }, [view, quickFilter]);

  // One context object for the grid's lifetime, updated in place (see QueueGridContext).
  const [context] = useState<QueueGridContext>(() => ({ nowIso, me }));
  useEffect(() => {
    context.nowIso = nowIso;
    context.me = me;
    apiRef.current?.refreshCells({ columns: ['daysLeft', 'claimedBy'] });
  }, [context, nowIso, me]);

  const columns = useMemo(() => applicationColumns(t, lang), [t, lang]);
  const mapping = useMemo(() => applicationMapping(t, me), [t, me]);
  const datasource = useMemo(
    () =>
      queueDatasource({
        base: () => baseRef.current,
        mapping,
        onPage: (total, query, rows) => {
          setCount(total);
          lastQueryRef.current = query;
          // keep the selection highlighted when its block is (re)loaded
          const sel = selectedRef.current;
          if (sel && rows.some((r) => r.id === sel)) apiRef.current?.getRowNode(sel)?.setSelected(true, true);
        },
        onError: notify.error,
      }),
    [mapping, notify],
  );
  useEffect(() => {
    apiRef.current?.setGridOption('datasource', datasource);
  }, [datasource]);

  // The cache changed (sync, or the officer's own command): refresh loaded blocks and the pane.
  useEffect(
    () =>
      onBridgeEvent('items.changed', (p) => {
        if (!p.kinds.includes('application')) return;
        apiRef.current?.refreshInfiniteCache();
        setRefreshTick((n) => n + 1);
      }),
    [],
  );

  const counts = useDeadlineCounts(selectedId === null, refreshTick, Math.floor(now / 60_000) * 60_000);

  const onSelect = useCallback((id: string | null, rowIndex: number | null) => {
    if (id) {
      setSelectedId(id);
      lastIndexRef.current = rowIndex;
    }
  }, []);

  /** Next row in the current view; if the current row just left the view, the one now in its place. */
  const next = useCallback(() => {
    const api = apiRef.current;
    const query = lastQueryRef.current;
    if (!api || !query) return;
    const current = selectedRef.current;
    const position = current ? bridge()['items.indexOf']({ query, id: current }).then((r) => r.index) : Promise.resolve(-1);
    position
      .then(async (index) => {
        const target = index >= 0 ? index + 1 : current ? (lastIndexRef.current ?? 0) : 0;
        const page = await bridge()['items.query']({ ...query, offset: target, limit: 1 });
        const row = page.rows[0];
        if (!row) return;
        lastIndexRef.current = target;
        setSelectedId(row.id);
        api.ensureIndexVisible(target);
        api.getRowNode(row.id)?.setSelected(true, true);
        // keep the grid's keyboard focus on the selected row, so the arrow keys continue from here
        if (api.getFocusedCell()) api.setFocusedCell(target, 'id');
      })
      .catch(notify.error);
  }, [notify]);

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
          columns={columns}
          context={context}
          language={lang}
          emptyText={t('queue.empty')}
          onReady={(api) => {
            apiRef.current = api;
            api.setGridOption('datasource', datasource);
          }}
          onSelect={onSelect}
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
