import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Link, ListSubheader, MenuItem, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import '../../app/clientSideGrid';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { useTranslation } from 'react-i18next';
import type { AuditLogEntry, AuditQuery } from '#shared/contract/api';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatTimestamp } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { useOfficerName } from '../../app/officers';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/session';
import { gridTheme } from '../../app/theme';
import { openItemHash } from '../workspace/openRequest';
import { ACTION_GROUPS, actionName, itemRoute } from './actions';
import { describeDetail, flatDetail } from './detail';
import { NO_FILTERS, PERIODS, queryOf, type Filters, type Period } from './filters';


const PAGE = 200;

type Verify = { state: 'idle' } | { state: 'checking' } | { state: 'done'; ok: boolean; checked: number; firstBadSeq?: number } | { state: 'error'; error: BridgeCallError };

/**
 * The audit log (supervisors: their jurisdiction; admins: everything), read from the exchange
 * page by page, newest first: who did what to which item, who viewed whose data and why. Filters
 * by officer, item, action and period; the chain verified on opening, its first bad entry named
 * with a way to go to it. Online only: the log is never cached on the console.
 * Test ids: audit-page, audit-verify (data-state ok|bad), audit-filter-*, audit-grid, audit-count,
 * audit-more, audit-pane.
 */
export function AuditPage(props: Readonly<Pick<RouteProps, 'online' | 'active'>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { session } = useSession();
  const nameOf = useOfficerName();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useState<Omit<AuditQuery, 'limit'> | null>(null);
  const [entries, setEntries] = useState<AuditLogEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<BridgeCallError | null>(null);
  const [selected, setSelected] = useState<AuditLogEntry | null>(null);
  const [verify, setVerify] = useState<Verify>({ state: 'idle' });

  /** A query's first page (replacing the rows), or with `more` the page before that cursor (appended). */
  const load = useCallback(async (q: Omit<AuditQuery, 'limit'>, more?: number) => {
    setLoading(true);
    setError(null);
    try {
      const page = await bridge()['audit.list']({ ...q, ...(more ? { before: more } : {}), limit: PAGE });
      setEntries((old) => (more ? [...old, ...page.entries] : page.entries));
      setNext(page.hasMore ? page.next : null);
    } catch (e) {
      setError(toBridgeError(e));
    } finally {
      setLoading(false);
    }
  }, []);

  const runVerify = useCallback(async () => {
    setVerify({ state: 'checking' });
    try {
      const r = await bridge()['audit.verify']({});
      setVerify({ state: 'done', ...r });
    } catch (e) {
      setVerify({ state: 'error', error: toBridgeError(e) });
    }
  }, []);

  const search = useCallback(
    (f: Filters) => {
      const r = queryOf(f, Date.now());
      if ('problem' in r) {
        setProblem(r.problem);
        return;
      }
      setProblem(null);
      setSelected(null);
      setQuery(r.query);
      void load(r.query);
    },
    [load],
  );

  // the first look once online and shown; the chain is verified with it
  useEffect(() => {
    if (!props.active || !props.online || query !== null) return;
    search(NO_FILTERS);
    void runVerify();
  }, [props.active, props.online, query, search, runVerify]);

  const jumpTo = (seq: number) => {
    const q = { before: seq + 1 };
    setDraft({ ...NO_FILTERS, period: 'all' });
    setProblem(null);
    setQuery(q);
    void load(q);
  };
  useEffect(() => {
    // after a jump, the bad entry is the first row: select it
    if (query?.before && entries[0]?.seq === query.before - 1) setSelected(entries[0]);
  }, [entries, query]);

  const actorText = useCallback((e: AuditLogEntry) => (e.actor === 'intake' ? t('audit:intakeActor') : `${e.actorName ?? nameOf(e.actor) ?? ''} ${e.actor}`.trim()), [t, nameOf]);
  const actionText = useCallback((a: string) => actionName(t, a), [t]);
  const columns = useMemo<ColDef<AuditLogEntry>[]>(
    () => [
      { colId: 'seq', field: 'seq', headerName: t('audit:col.seq'), width: 80 },
      { colId: 'at', headerName: t('audit:col.at'), width: 160, valueGetter: (p) => (p.data ? formatTimestamp(p.data.at) : '') },
      { colId: 'officer', headerName: t('audit:col.officer'), width: 150, valueGetter: (p) => (p.data ? actorText(p.data) : '') },
      { colId: 'action', headerName: t('audit:col.action'), width: 140, valueGetter: (p) => (p.data ? actionText(p.data.action) : '') },
      { colId: 'item', field: 'itemId', headerName: t('audit:col.item'), width: 145 },
      {
        colId: 'detail',
        headerName: t('audit:col.detail'),
        flex: 1,
        minWidth: 260,
        valueGetter: (p) => (p.data ? describeDetail(p.data, t, lang) : ''),
        tooltipValueGetter: (p) => (p.data ? describeDetail(p.data, t, lang) : ''),
      },
    ],
    [t, lang, actorText, actionText],
  );

  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  const bad = verify.state === 'done' && !verify.ok ? verify.firstBadSeq : undefined;
  const route = selected?.itemId ? itemRoute(selected.itemId, session.officer.role) : null;

  return (
    <Stack data-testid="audit-page" spacing={1} sx={{ p: 2, height: '100%', minHeight: 0, boxSizing: 'border-box' }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h6" component="h1">
          {t('app:nav.audit')}
        </Typography>
        <Typography variant="body2" color="text.secondary" noWrap>
          {t('audit:subtitle')}
        </Typography>
      </Stack>

      {!props.online && (
        <Alert severity="info" data-testid="audit-offline">
          {t('audit:offline')}
        </Alert>
      )}
      {props.online && verify.state !== 'idle' && (
        <Alert
          data-testid="audit-verify"
          data-state={verify.state === 'done' ? (verify.ok ? 'ok' : 'bad') : verify.state}
          severity={verify.state === 'done' ? (verify.ok ? 'success' : 'error') : verify.state === 'error' ? 'warning' : 'info'}
          action={
            <Stack direction="row" spacing={1}>
              {bad !== undefined && (
                <Button size="small" color="inherit" data-testid="audit-verify-jump" onClick={() => jumpTo(bad)}>
                  {t('audit:verify.jump')}
                </Button>
              )}
              <Button size="small" color="inherit" onClick={() => void runVerify()} disabled={verify.state === 'checking'}>
                {t('audit:verify.again')}
              </Button>
            </Stack>
          }
        >
          {verify.state === 'checking' && t('audit:verify.checking')}
          {verify.state === 'error' && <ErrorAlert error={verify.error} />}
          {verify.state === 'done' && verify.ok && t('audit:verify.ok', { count: verify.checked })}
          {verify.state === 'done' && !verify.ok && (
            <>
              {t('audit:verify.bad', { seq: bad })}
              {bad !== undefined && bad > 1 ? `；${t('audit:verify.checkedBefore', { count: bad - 1 })}` : ''}
            </>
          )}
        </Alert>
      )}

      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Box
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            search(draft);
          }}
          sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}
        >
          <TextField
            size="small"
            label={/^\d{6}$/.test(draft.actor.trim()) && nameOf(draft.actor.trim()) ? `${t('audit:filters.officer')} · ${nameOf(draft.actor.trim())}` : t('audit:filters.officer')}
            placeholder={t('audit:filters.officerHint')}
            value={draft.actor}
            onChange={(e) => set({ actor: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'audit-filter-officer', maxLength: 6 } }}
            sx={{ width: 170 }}
          />
          <TextField
            size="small"
            label={t('audit:filters.item')}
            placeholder={t('audit:filters.itemHint')}
            value={draft.itemId}
            onChange={(e) => set({ itemId: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'audit-filter-item', maxLength: 24 } }}
            sx={{ width: 190 }}
          />
          <TextField
            select
            size="small"
            label={t('audit:filters.action')}
            value={draft.action}
            onChange={(e) => set({ action: e.target.value })}
            sx={{ width: 190 }}
            slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'audit-filter-action' } as object }, inputLabel: { shrink: true } }}
          >
            <MenuItem value="">{t('audit:filters.anyAction')}</MenuItem>
            {ACTION_GROUPS.flatMap((g) => [
              <ListSubheader key={`g-${g.id}`}>{t(`audit:group.${g.id}`)}</ListSubheader>,
              ...g.actions.map((a) => (
                <MenuItem key={a} value={a} data-testid={`audit-action-${a}`}>
                  {actionName(t, a)}
                </MenuItem>
              )),
            ])}
          </TextField>
          <Box>
            <ToggleButtonGroup size="small" exclusive value={draft.period} onChange={(_e, v: Period | null) => v && set({ period: v })} aria-label={t('audit:filters.period')}>
              {PERIODS.map((p) => (
                <ToggleButton key={p} value={p} data-testid={`audit-period-${p}`} sx={{ px: 1.25 }}>
                  {t(`audit:filters.periods.${p}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
          {draft.period === 'custom' && (
            <>
              <TextField size="small" type="date" label={t('audit:filters.from')} value={draft.from} onChange={(e) => set({ from: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'audit-filter-from' } }} />
              <TextField size="small" type="date" label={t('audit:filters.to')} value={draft.to} onChange={(e) => set({ to: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'audit-filter-to' } }} />
            </>
          )}
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={!props.online || loading} data-testid="audit-search">
              {t('audit:filters.search')}
            </Button>
            <Button
              onClick={() => {
                setDraft(NO_FILTERS);
                search(NO_FILTERS);
              }}
              disabled={!props.online || loading}
            >
              {t('audit:filters.reset')}
            </Button>
          </Stack>
        </Box>
        {problem && (
          <Typography role="alert" color="error" variant="body2" data-testid="audit-filter-problem">
            {t(`audit:filters.problem.${problem}`)}
          </Typography>
        )}
      </Paper>

      {error && <ErrorAlert error={error} />}
      {query?.before && (
        <Typography variant="body2" color="text.secondary">
          {t('audit:fromBad', { seq: query.before - 1 })}{' '}
          <Link component="button" onClick={() => search(draft)}>
            {t('audit:latest')}
          </Link>
        </Typography>
      )}

      <Box sx={{ display: 'flex', gap: 1.5, flex: 1, minHeight: 0 }}>
        <Stack sx={{ flex: 1, minWidth: 0 }} spacing={1}>
          <Box data-testid="audit-grid" sx={{ flex: 1, minHeight: 200, '.audit-bad': { color: '#c62828', fontWeight: 700 } }}>
            <AgGridReact<AuditLogEntry>
              key={lang}
              theme={gridTheme}
              rowData={entries}
              columnDefs={columns}
              defaultColDef={{ sortable: false, resizable: true }}
              getRowId={(p) => String(p.data.seq)}
              rowClassRules={{ 'audit-bad': (p) => bad !== undefined && p.data?.seq === bad }}
              localeText={lang === 'en' ? undefined : AG_GRID_LOCALE_CN}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              overlayNoRowsTemplate={`<span>${(loading ? t('audit:loading') : t('audit:empty')).replace(/[<>&]/g, '')}</span>`}
              tooltipShowDelay={500}
              animateRows={false}
              onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
              onCellFocused={(e) => {
                if (e.rowIndex === null) return;
                const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
                if (node?.data && !node.isSelected()) node.setSelected(true, true);
              }}
            />
          </Box>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary" data-testid="audit-count" data-count={entries.length}>
              {loading ? t('audit:loading') : t('audit:count', { count: entries.length })}
            </Typography>
            {next !== null && query && (
              <Button size="small" data-testid="audit-more" disabled={loading} onClick={() => void load(query, next)}>
                {t('audit:more')}
              </Button>
            )}
          </Stack>
        </Stack>

        <Paper variant="outlined" data-testid="audit-pane" data-seq={selected?.seq ?? ''} sx={{ width: 300, flexShrink: 0, p: 1.5, overflowY: 'auto' }}>
          <Typography variant="subtitle2" gutterBottom>
            {t('audit:pane.title')}
          </Typography>
          {!selected && (
            <Typography variant="body2" color="text.secondary">
              {t('audit:pane.none')}
            </Typography>
          )}
          {selected && (
            <Stack spacing={0.75}>
              {(
                [
                  ['seq', String(selected.seq)],
                  ['at', formatTimestamp(selected.at)],
                  ['officer', actorText(selected)],
                  ['action', actionText(selected.action)],
                ] as const
              ).map(([k, v]) => (
                <Stack key={k} direction="row" spacing={1}>
                  <Typography variant="body2" color="text.secondary" sx={{ width: 56, flexShrink: 0 }}>
                    {t(`audit:pane.${k}`)}
                  </Typography>
                  <Typography variant="body2">{v}</Typography>
                </Stack>
              ))}
              {selected.itemId && (
                <Stack direction="row" spacing={1}>
                  <Typography variant="body2" color="text.secondary" sx={{ width: 56, flexShrink: 0 }}>
                    {t('audit:pane.item')}
                  </Typography>
                  {route ? (
                    <Link component="button" variant="body2" data-testid="audit-open-item" aria-label={t('audit:openItem', { id: selected.itemId })} onClick={() => (window.location.hash = openItemHash(route, selected.itemId!))}>
                      {selected.itemId}
                    </Link>
                  ) : (
                    <Typography variant="body2">{selected.itemId}</Typography>
                  )}
                </Stack>
              )}
              <Typography variant="body2" data-testid="audit-pane-detail" sx={{ pt: 0.5 }}>
                {describeDetail(selected, t, lang)}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ pt: 1 }}>
                {t('audit:pane.raw')}
              </Typography>
              <Box component="dl" sx={{ m: 0, fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                {flatDetail(selected.detail).map(([k, v]) => (
                  <div key={k}>
                    <Box component="dt" sx={{ display: 'inline', color: 'text.secondary' }}>
                      {k}:{' '}
                    </Box>
                    <Box component="dd" sx={{ display: 'inline', m: 0 }}>
                      {v}
                    </Box>
                  </div>
                ))}
              </Box>
            </Stack>
          )}
        </Paper>
      </Box>
    </Stack>
  );
}
