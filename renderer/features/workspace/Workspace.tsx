import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { Box, Paper } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { GridApi } from 'ag-grid-community';
import type { ItemRow, LocalCommand } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import { bridge, onBridgeEvent, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { isTyping, useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { useNotify } from '../../app/notify';
import { useSession } from '../../app/session';
import { QueueGrid } from './QueueGrid';
import { createCountStore, QueueToolbar } from './QueueToolbar';
import { createLatch, createLoadCounter, createPagePrefetch, type Latch, orderedQuery, queueDatasource, searchGate, sortModelOf, type BaseQuery, type OrderedQuery } from './datasource';
import { ReviewPane } from './ReviewPane';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { TakeOverDialog } from './TakeOverDialog';
import type { AttachmentViewerHandle } from './AttachmentViewer';
import type { ActionBarItem } from './ActionBar';
import { actionStates, visibleActions } from './actionState';
import { NEXT_TEST_ID, WORKSPACE_KEYS } from './commonActions';
import { keyIntent, type KeyIntent } from './keys';
import { findNext, rowIsWorkable } from './next';
import { useItemDetail } from './useItemDetail';
import { BulkBar } from './BulkBar';
import { useOpenRequest } from './openRequest';
import { viewQueryOf, type ActionDef, type ActionState, type BulkActionDef, type DialogProps, type ItemCommand, type ViewQuery, type WorkspaceDefinition } from './types';

/** The grid's context, updated in place each minute (days left) and per officer ("you"). */
export interface WorkspaceGridContext {
  nowIso: string;
  me: string;
}

const NEXT: ActionBarItem = { id: 'next', labelKey: 'workspace:action.next', shortcut: WORKSPACE_KEYS.next, testId: NEXT_TEST_ID };
const NONE: ActionState = { enabled: false, reason: null };

export interface WorkspaceProps<I extends WorkItem> {
  def: WorkspaceDefinition<I>;
  online: boolean;
  /** False while another route is shown (the workspace stays mounted): its keys are off then. */
  active: boolean;
}

/** Its children once the latch is open; only this re-renders when it opens. */
function AfterLatch(props: Readonly<{ latch: Latch; children: ReactNode }>) {
  const open = useSyncExternalStore(props.latch.subscribe, props.latch.isOpen);
  return open ? props.children : null;
}

/** What the workspace asks of the grid's queries: its kind, the saved view's query and the search (at most 100 characters, as the bridge takes it). */
const baseQuery = (kind: BaseQuery['kind'], view: ViewQuery, search: string): BaseQuery => ({ kind, view: view.view, filters: view.filters, search: search.slice(0, 100) });

/**
 * Container: one kind's queue beside its review pane. The grid pages through the console cache
 * (items.query); a saved view or a search purges its blocks, an `items.changed` refreshes the
 * loaded ones. "Next" walks the current view's order to the next item the officer can work on and
 * claims it. Every action has a key (keys.ts), listed in the `?` overlay.
 */
export function Workspace<I extends WorkItem>(props: Readonly<WorkspaceProps<I>>) {
  const { def } = props;
  const { t } = useTranslation();
  const lang = currentLanguage();
  const notify = useNotify();
  const { session } = useSession();
  const officer = session.officer;
  const me = officer.badge;
  const nowMs = useNow();
  const now = useMemo(() => new Date(nowMs), [nowMs]);
  const nowIso = now.toISOString();

  const apiRef = useRef<GridApi<ItemRow> | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const viewerRef = useRef<AttachmentViewerHandle | null>(null);
  const lastIndexRef = useRef<number | null>(null);
  const lastQueryRef = useRef<OrderedQuery | null>(null);
  /** The item "next" opened, to be claimed once it is loaded (when claimable). */
  const claimOnOpenRef = useRef<string | null>(null);

  const [viewId, setViewId] = useState(def.views[0]?.id ?? 'all');
  const view = def.views.find((v) => v.id === viewId) ?? def.views[0];
  // The search the grid asks (the toolbar holds the text as typed: QueueToolbar). A ref, not
  // state: a search changes only what the grid asks, so it purges the grid's blocks without a
  // render of the workspace (~40 ms over a 100k queue, issue 11).
  const quickFilterRef = useRef('');
  const [count] = useState(createCountStore);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;
  const [refreshTick, setRefreshTick] = useState(0);
  const [overlay, setOverlay] = useState(false);
  const [dialog, setDialog] = useState<ActionDef<I> | null>(null);
  const [dialogParam, setDialogParam] = useState<string | undefined>(undefined);
  const [dialogError, setDialogError] = useState<BridgeCallError | null>(null);
  const [busy, setBusy] = useState(false);
  // bulk: the ticked rows (two or more show the bulk bar) and the bulk dialog open on them
  const [ticked, setTicked] = useState<string[]>([]);
  const tickedRef = useRef<string[]>([]);
  tickedRef.current = ticked;
  const [bulkDialog, setBulkDialog] = useState<{ action: BulkActionDef; ids: string[] } | null>(null);
  const bulkActions = def.bulk ?? [];
  const bulkOn = bulkActions.length > 0 && ticked.length > 1;

  // The view's query; one that depends on the day is asked each minute, and only a changed answer
  // (a new day) reloads the grid.
  const viewQueryText = JSON.stringify(view ? viewQueryOf(view, now) : { view: 'all' });
  const viewQuery = useMemo(() => JSON.parse(viewQueryText) as ViewQuery, [viewQueryText]);

  const columns = useMemo(() => def.columns(t, lang), [def, t, lang]);
  const mapping = useMemo(() => def.mapping(t, me, lang), [def, t, me, lang]);
  const mappingRef = useRef(mapping);
  mappingRef.current = mapping;

  // What the grid asks: read by the datasource at each block load, so it never goes stale.
  const baseRef = useRef<BaseQuery>(baseQuery(def.kind, viewQuery, ''));
  // A search is asked at once when no page is loading; else the latest text waits for the page in
  // flight, so each answer paints and the core never works through a queue of stale keys. The
  // first block of a new query is asked before the grid clears (PagePrefetch).
  const [loads] = useState(createLoadCounter);
  const [prefetch] = useState(() => createPagePrefetch(loads));
  const [firstPage] = useState(createLatch);
  const firstAskedRef = useRef(false);
  if (!firstAskedRef.current) {
    firstAskedRef.current = true;
    prefetch.ask(orderedQuery(baseRef.current, sortModelOf(columns), {}, mapping));
  }
  const requery = useCallback(() => {
    baseRef.current = baseQuery(def.kind, viewQuery, quickFilterRef.current);
    const api = apiRef.current;
    if (!api) return;
    prefetch.ask(orderedQuery(baseRef.current, sortModelOf(api.getColumnState()), api.getFilterModel(), mappingRef.current));
    // another view or search: a selection for a bulk action belongs to the rows it was made in
    api.deselectAll();
    api.purgeInfiniteCache();
  }, [def.kind, viewQuery, prefetch]);
  useEffect(requery, [requery]);
  const applySearch = useCallback(
    (s: string) => {
      quickFilterRef.current = s;
      requery();
    },
    [requery],
  );
  const applySearchRef = useRef(applySearch);
  applySearchRef.current = applySearch;
  const [gate] = useState(() => searchGate(loads, (s) => applySearchRef.current(s)));
  useEffect(() => loads.onIdle(gate.wake), [loads, gate]);
  const onSearch = gate.offer;

  // One context object for the grid's lifetime, updated in place.
  const [context] = useState<WorkspaceGridContext>(() => ({ nowIso, me }));
  useEffect(() => {
    context.nowIso = nowIso;
    context.me = me;
    apiRef.current?.refreshCells({ force: true });
  }, [context, nowIso, me]);

  const datasource = useMemo(
    () =>
      queueDatasource({
        base: () => baseRef.current,
        loads,
        prefetch,
        mapping,
        onPage: (total, query, rows) => {
          firstPage.open();
          count.set(total);
          lastQueryRef.current = query;
          // keep the selection highlighted when its block is (re)loaded
          const sel = selectedRef.current;
          if (sel && tickedRef.current.length < 2 && rows.some((r) => r.id === sel)) apiRef.current?.getRowNode(sel)?.setSelected(true, true);
        },
        onError: (e) => {
          firstPage.open();
          notify.error(e);
        },
      }),
    [loads, prefetch, firstPage, mapping, notify],
  );
  useEffect(() => {
    apiRef.current?.setGridOption('datasource', datasource);
  }, [datasource]);

  // The cache changed (sync, or a command): refresh the loaded blocks; the open item reloads
  // itself only when the change concerns it (useItemDetail).
  useEffect(
    () =>
      onBridgeEvent('items.changed', (p) => {
        if (!p.kinds.includes(def.kind)) return;
        // a block asked ahead was answered before this change: the refresh must ask again
        prefetch.drop();
        apiRef.current?.refreshInfiniteCache();
        setRefreshTick((n) => n + 1);
      }),
    [def.kind, prefetch],
  );

  const { detail, error: loadError, commandStarted, applyResult, commandFailed } = useItemDetail(def.kind, selectedId, officer);
  const item = detail && detail.item.id === selectedId && def.isItem(detail.item) ? (detail.item as I) : null;
  const actions = useMemo(() => visibleActions(def.actions, officer), [def.actions, officer]);
  const states = useMemo<Record<string, ActionState>>(() => {
    const own = item && detail ? actionStates(def, actions, { item, detail, officer, now, t, lang }) : Object.fromEntries(actions.map((a) => [a.id, NONE]));
    return { ...own, next: { enabled: true } };
  }, [def, actions, item, detail, officer, now, t, lang]);
  const barActions = useMemo<ActionBarItem[]>(() => [...actions, NEXT], [actions]);

  const itemRef = useRef(item);
  itemRef.current = item;

  const runCommand = useCallback(
    (cmd: ItemCommand, doneKey: string, inDialog: boolean) => {
      const target = itemRef.current;
      if (!target) return;
      setBusy(true);
      setDialogError(null);
      commandStarted();
      bridge()
        ['items.command']({ itemId: target.id, ...cmd } as LocalCommand)
        .then(
          (res) => {
            applyResult(res, cmd);
            if (inDialog) setDialog(null);
            notify.success(t('workspace:action.done', { action: t(doneKey) }));
          },
          (e: unknown) => {
            commandFailed();
            if (inDialog) setDialogError(toBridgeError(e));
            else notify.error(e);
          },
        )
        .finally(() => setBusy(false));
    },
    [applyResult, commandFailed, commandStarted, notify, t],
  );

  const runInDialog = useCallback(<T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setDialogError(null);
    return call()
      .catch((e: unknown) => {
        setDialogError(toBridgeError(e));
        return undefined;
      })
      .finally(() => setBusy(false));
  }, []);

  /**
   * Puts the grid's keyboard focus on row `index` once its block is loaded (↑/↓ go on from there).
   * The rows may still be on their way (a search just changed): it retries for about a second.
   */
  const focusRow = useCallback((index: number) => {
    const api = apiRef.current;
    if (!api) return;
    let tries = 0;
    const attempt = () => {
      const node = api.getDisplayedRowCount() > index ? api.getDisplayedRowAtIndex(index) : undefined;
      if (node?.data) {
        api.ensureIndexVisible(index);
        node.setSelected(true, true);
        api.setFocusedCell(index, 'id');
      } else if (tries++ < 60) {
        if (tries === 1 && api.getDisplayedRowCount() > index) api.ensureIndexVisible(index);
        window.requestAnimationFrame(attempt);
      }
    };
    attempt();
  }, []);

  /** From the search box back to the list: the selected row, else the first. */
  const focusGrid = useCallback(() => {
    searchRef.current?.blur();
    const api = apiRef.current;
    const index = api && selectedRef.current ? (api.getRowNode(selectedRef.current)?.rowIndex ?? null) : null;
    focusRow(index ?? 0);
  }, [focusRow]);

  /** The next item the officer can work on in the current view's order, opened and claimed. */
  const next = useCallback(() => {
    const query = lastQueryRef.current;
    if (!apiRef.current || !query) return;
    const current = selectedRef.current;
    const position = current ? bridge()['items.indexOf']({ query, id: current }).then((r) => r.index) : Promise.resolve(-1);
    position
      .then((index) => {
        // the item open now may have just left the view: then the one now in its place is next
        const start = index >= 0 ? index + 1 : current ? (lastIndexRef.current ?? 0) : 0;
        return findNext((offset, limit) => bridge()['items.query']({ ...query, offset, limit }), start, (row) => rowIsWorkable(row, officer, new Date()), { skipId: current });
      })
      .then((found) => {
        if (!found) {
          notify.info(t('workspace:action.noNext'));
          return;
        }
        claimOnOpenRef.current = found.row.id;
        lastIndexRef.current = found.index;
        setSelectedId(found.row.id);
        focusRow(found.index);
      })
      .catch(notify.error);
  }, [focusRow, notify, officer, t]);

  // "Next claims what it opens": once the item is loaded, claim it if the core allows it.
  const claimAction = actions.find((a) => a.coreAction === 'claim');
  useEffect(() => {
    if (!item || claimOnOpenRef.current !== item.id) return;
    claimOnOpenRef.current = null;
    if (claimAction && 'command' in claimAction.run && states[claimAction.id]?.enabled) {
      runCommand(claimAction.run.command(item), claimAction.doneKey ?? claimAction.labelKey, false);
    }
  }, [item, claimAction, states, runCommand]);

  const onAction = useCallback(
    (id: string, param?: string) => {
      if (id === 'next') return next();
      const action = actions.find((a) => a.id === id);
      const target = itemRef.current;
      if (!action || !target) return;
      const state = states[id];
      if (!state?.enabled) {
        // a key pressed on a disabled action says why, like the button's tooltip
        if (state?.reason) notify.info(state.reason);
        return;
      }
      if ('dialog' in action.run) {
        setDialogError(null);
        setDialogParam(param);
        setDialog(action);
      } else {
        runCommand(action.run.command(target), action.doneKey ?? action.labelKey, false);
      }
    },
    [actions, next, notify, runCommand, states],
  );

  // a dialog belongs to the item it was opened on
  useEffect(() => {
    setDialog(null);
    setDialogError(null);
  }, [selectedId]);

  const onSelect = useCallback((id: string | null, rowIndex: number | null) => {
    if (!id) return;
    if (id !== claimOnOpenRef.current) claimOnOpenRef.current = null; // picked by hand: no auto-claim
    setSelectedId(id);
    lastIndexRef.current = rowIndex;
  }, []);

  // another screen asked for an item (`#/<route>?open=<id>`, the dashboard's overdue list): open it, no auto-claim
  useOpenRequest(props.active, (id) => {
    claimOnOpenRef.current = null;
    lastIndexRef.current = null;
    setSelectedId(id);
  });

  // Keys: one listener while the workspace is shown; nothing while a dialog or menu is open.
  // with rows ticked, a bulk action's letter is the bulk action's (listed first, so it wins)
  const keyActions = useMemo(() => [...(bulkOn ? bulkActions.flatMap((b) => (b.shortcut ? [{ id: `bulk:${b.id}`, shortcut: b.shortcut }] : [])) : []), ...barActions], [bulkOn, bulkActions, barActions]);
  const openBulk = useCallback(
    (id: string) => {
      const action = bulkActions.find((b) => b.id === id);
      if (action && tickedRef.current.length > 1) setBulkDialog({ action, ids: [...tickedRef.current] });
    },
    [bulkActions],
  );
  const keyState = useRef({ keyActions, views: def.views, busy, onAction, next, focusGrid, openBulk });
  keyState.current = { keyActions, views: def.views, busy, onAction, next, focusGrid, openBulk };
  useEffect(() => {
    if (!props.active) return;
    const dispatch = (intent: KeyIntent) => {
      const s = keyState.current;
      switch (intent.type) {
        case 'help':
          return setOverlay(true);
        case 'search':
          searchRef.current?.focus();
          return searchRef.current?.select();
        case 'view': {
          const v = s.views[intent.index];
          return v && setViewId(v.id);
        }
        case 'next':
          return s.next();
        case 'action':
          return intent.id.startsWith('bulk:') ? s.openBulk(intent.id.slice('bulk:'.length)) : s.onAction(intent.id);
        case 'viewer':
          return viewerRef.current?.[intent.command]();
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('[role="dialog"], [role="presentation"].MuiPopover-root')) return;
      const s = keyState.current;
      // a ticked row's checkbox has the focus but takes no typing: the keys stay the workspace's
      const checkbox = e.target instanceof HTMLInputElement && e.target.type === 'checkbox';
      const intent = keyIntent(e, isTyping(e.target) && !checkbox, s.keyActions, s.views.length);
      if (!intent) return;
      if (s.busy && (intent.type === 'action' || intent.type === 'next')) return;
      e.preventDefault();
      dispatch(intent);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.active]);

  const closeDialog = useCallback(() => {
    setDialog(null);
    setDialogError(null);
  }, []);

  const Dialog: ComponentType<DialogProps<I>> | undefined = dialog && 'dialog' in dialog.run ? (def.dialogs[dialog.run.dialog] ?? (dialog.run.dialog === 'takeOver' ? TakeOverDialog : undefined)) : undefined;
  const Overview = def.Overview;

  return (
    <Box sx={{ display: 'flex', flex: 1, minHeight: 0, gap: 1, p: 1 }} data-testid={`workspace-${def.kind}`}>
      <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <QueueToolbar
          views={def.views}
          view={view?.id ?? ''}
          searchPlaceholder={t(def.searchKey)}
          count={count}
          searchRef={searchRef}
          onView={setViewId}
          onSearch={onSearch}
          onLeaveSearch={focusGrid}
          onHelp={() => setOverlay(true)}
        />
        {bulkOn && <BulkBar actions={bulkActions} count={ticked.length} onAction={openBulk} onClear={() => apiRef.current?.deselectAll()} />}
        <QueueGrid<WorkspaceGridContext>
          columns={columns}
          context={context}
          language={lang}
          emptyText={t('workspace:queue.empty')}
          onReady={(api) => {
            apiRef.current = api;
            api?.setGridOption('datasource', datasource);
          }}
          onSelect={onSelect}
          multiSelect={bulkActions.length > 0}
          onSelectedIds={setTicked}
        />
      </Paper>
      <ReviewPane<I>
        def={def}
        itemId={selectedId}
        detail={detail}
        loadError={loadError}
        officer={officer}
        now={now}
        online={props.online}
        actions={barActions}
        states={states}
        busy={busy}
        onAction={onAction}
        onCommand={(cmd, doneKey) => runCommand(cmd, doneKey, false)}
        viewerRef={viewerRef}
        emptyContent={
          Overview && (
            <AfterLatch latch={firstPage}>
              <Suspense fallback={null}>
                <Overview refreshTick={refreshTick} active={props.active && selectedId === null} />
              </Suspense>
            </AfterLatch>
          )
        }
      />
      {Dialog && item && detail && (
        <Dialog
          item={item}
          detail={detail}
          busy={busy}
          error={dialogError}
          param={dialogParam}
          onCommand={(cmd) => dialog && runCommand(cmd, dialog.doneKey ?? dialog.labelKey, true)}
          run={runInDialog}
          onClose={closeDialog}
        />
      )}
      {bulkDialog && (
        <bulkDialog.action.Dialog
          ids={bulkDialog.ids}
          officer={officer}
          onClose={() => setBulkDialog(null)}
          onDone={() => apiRef.current?.deselectAll()}
        />
      )}
      <ShortcutsOverlay
        open={overlay}
        views={def.views}
        actions={barActions.filter((a) => a.id !== 'next')}
        bulk={bulkActions}
        viewerTools={def.attachments.tools}
        viewerPans={def.attachments.fit === 'contain'}
        onClose={() => setOverlay(false)}
      />
    </Box>
  );
}
