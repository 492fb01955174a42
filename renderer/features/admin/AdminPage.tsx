import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/PersonAdd';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { GridApi } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { AdminOfficer } from '#shared/contract/api';
import { RoleSchema, type Role } from '#shared/domain/officers';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { isTyping } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { useNotify } from '../../app/notify';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/session';
import { ActionBar, type ActionBarItem } from '../workspace/ActionBar';
import type { ActionState } from '../workspace/types';
import { AdminErrorAlert } from './AdminErrorAlert';
import { AssignDialog, type Assignment } from './dialogs/AssignDialog';
import { CreateOfficerDialog, type NewOfficer } from './dialogs/CreateOfficerDialog';
import { LockDialog } from './dialogs/LockDialog';
import { PasswordDialog } from './dialogs/PasswordDialog';
import { ResetPasswordDialog } from './dialogs/ResetPasswordDialog';
import { byBadge, matchesOfficer, NO_FILTER, withOfficer, type OfficerFilter, type StateFilter } from './filter';
import { OfficerGrid } from './OfficerGrid';
import { unitNamesOf } from './units';

type DialogState =
  | { readonly type: 'create' }
  | { readonly type: 'reset' | 'lock' | 'unlock' | 'assign'; readonly badge: string }
  | { readonly type: 'password'; readonly kind: 'created' | 'reset'; readonly officer: AdminOfficer; readonly password: string }
  | null;

/** The page's single-key shortcuts (none while typing or with a modifier; dialogs have their own keys). */
const KEYS: Readonly<Record<string, 'create' | 'refresh' | 'reset' | 'lock' | 'assign'>> = { n: 'create', r: 'refresh', p: 'reset', l: 'lock', a: 'assign' };

const ACTIONS = {
  reset: { id: 'reset', labelKey: 'admin:action.reset', shortcut: 'P', testId: 'admin-reset' },
  lock: { id: 'lock', labelKey: 'admin:action.lock', shortcut: 'L', testId: 'admin-lock', tone: 'danger' },
  unlock: { id: 'unlock', labelKey: 'admin:action.unlock', shortcut: 'L', testId: 'admin-unlock' },
  assign: { id: 'assign', labelKey: 'admin:action.assign', shortcut: 'A', testId: 'admin-assign' },
} as const satisfies Record<string, ActionBarItem>;

/**
 * 警员管理 (issue 10), admins only: the roster from the exchange (admin.officers.list, online only,
 * read again whenever the screen is shown), filtered here by badge, name, unit and role; 新建警员,
 * 重置密码 (the generated password shown once), 锁定 / 解锁 and 调整岗位/单位 on the selected
 * officer, each a dialog whose refusal stays in it in the administrator's words (errors.ts), and
 * the row replaced by the exchange's answer after each. Keys: / search, N new, R refresh, and on
 * the selected officer P reset, L lock or unlock, A change role or unit.
 */
export function AdminPage(props: Readonly<Pick<RouteProps, 'online' | 'active'>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const notify = useNotify();
  const me = useSession().session.officer.badge;
  const online = props.online;

  const [officers, setOfficers] = useState<AdminOfficer[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [listError, setListError] = useState<BridgeCallError | null>(null);
  const [filter, setFilter] = useState<OfficerFilter>(NO_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<BridgeCallError | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const gridApi = useRef<GridApi<AdminOfficer> | null>(null);
  const loadSeq = useRef(0);

  const load = useCallback(() => {
    const seq = ++loadSeq.current;
    setLoading(true);
    bridge()
      ['admin.officers.list']({})
      .then(
        (r) => {
          if (seq !== loadSeq.current) return;
          setOfficers([...r.officers].sort(byBadge));
          setListError(null);
        },
        (e: unknown) => seq === loadSeq.current && setListError(toBridgeError(e)),
      )
      .finally(() => seq === loadSeq.current && setLoading(false));
  }, []);

  useEffect(() => {
    if (props.active && online) load();
  }, [props.active, online, load]);

  const roleNames = useCallback((r: Role) => [t(`admin:role.${r}`, { lng: 'zh-CN' }), t(`admin:role.${r}`, { lng: 'en' })], [t]);
  const rows = useMemo(() => (officers ?? []).filter((o) => matchesOfficer(o, filter, unitNamesOf, roleNames)), [officers, filter, roleNames]);
  const current = rows.find((o) => o.badge === selected) ?? null;
  const lockedCount = (officers ?? []).filter((o) => o.locked).length;

  const open = (d: DialogState) => {
    setDialogError(null);
    setDialog(d);
  };
  const close = () => {
    setDialog(null);
    setDialogError(null);
    // back to the roster, on the row the action was about
    const a = gridApi.current;
    const node = selected ? a?.getRowNode(selected) : undefined;
    if (a && node?.rowIndex != null) a.setFocusedCell(node.rowIndex, 'badge');
  };

  /** Runs one call for the open dialog: its refusal stays in the dialog, its answer goes to `done`. */
  const run = <T,>(call: () => Promise<T>, done: (r: T) => void) => {
    setBusy(true);
    setDialogError(null);
    call().then(
      (r) => {
        setBusy(false);
        done(r);
      },
      (e: unknown) => {
        setBusy(false);
        setDialogError(toBridgeError(e));
      },
    );
  };
  const replace = (o: AdminOfficer) => setOfficers((list) => withOfficer(list ?? [], o));

  const states: Record<string, ActionState> = useMemo(() => {
    const why = !online ? t('admin:reason.offline') : !current ? t('admin:reason.none') : current.badge === me ? t('admin:reason.self') : null;
    const s: ActionState = why ? { enabled: false, reason: why } : { enabled: true };
    return { reset: s, lock: s, unlock: s, assign: s };
  }, [online, current, me, t]);
  const bar: ActionBarItem[] = [ACTIONS.reset, current?.locked ? ACTIONS.unlock : ACTIONS.lock, ACTIONS.assign];

  const onAction = useCallback(
    (id: string) => {
      if (id === 'create') return online && open({ type: 'create' });
      if (id === 'refresh') return online && load();
      const st = states[id === 'lock' && current?.locked ? 'unlock' : id];
      if (!current || !st?.enabled) return;
      if (id === 'lock') open({ type: current.locked ? 'unlock' : 'lock', badge: current.badge });
      else if (id === 'unlock') open({ type: 'unlock', badge: current.badge });
      else if (id === 'reset' || id === 'assign') open({ type: id, badge: current.badge });
    },
    [online, load, states, current],
  );

  useEffect(() => {
    if (!props.active || dialog !== null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      const action = KEYS[e.key.toLowerCase()];
      if (!action) return;
      e.preventDefault();
      onAction(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.active, dialog, onAction]);

  const target = dialog && dialog.type !== 'create' && dialog.type !== 'password' ? (officers ?? []).find((o) => o.badge === dialog.badge) : undefined;

  return (
    <Box data-testid="admin-page" data-loading={loading || undefined} sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', p: 1.5, gap: 1, bgcolor: 'background.default' }}>
      <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h1">
          {t('app:nav.admin')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="admin-count">
          {officers === null ? '' : rows.length === officers.length ? t('admin:count', { count: officers.length }) : t('admin:countFiltered', { shown: rows.length, count: officers.length })}
        </Typography>
        {lockedCount > 0 && (
          <Typography variant="body2" color="error" data-testid="admin-locked-count">
            {t('admin:lockedCount', { count: lockedCount })}
          </Typography>
        )}
        <Typography variant="caption" color="text.secondary">
          {t('admin:subtitle')}
        </Typography>
      </Stack>

      <Stack direction="row" role="search" aria-label={t('admin:filter.label')} sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <TextField
          size="small"
          label={t('admin:filter.search')}
          placeholder={t('admin:filter.searchHint')}
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          onKeyDown={(e) => {
            // Esc leaves the search for the roster, where the keys work again
            if (e.key !== 'Escape') return;
            (e.target as HTMLElement).blur();
            gridApi.current?.setFocusedCell(0, 'badge');
          }}
          inputRef={searchRef}
          sx={{ width: 300 }}
          slotProps={{ htmlInput: { 'data-testid': 'admin-search', 'aria-keyshortcuts': '/' } }}
        />
        <TextField
          select
          size="small"
          label={t('admin:filter.role')}
          value={filter.role}
          onChange={(e) => setFilter({ ...filter, role: e.target.value === 'all' ? 'all' : RoleSchema.parse(e.target.value) })}
          sx={{ width: 160 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'admin-role-filter' } as object } }}
        >
          <MenuItem value="all">{t('admin:filter.anyRole')}</MenuItem>
          {RoleSchema.options.map((r) => (
            <MenuItem key={r} value={r} data-testid={`admin-role-filter-${r}`}>
              {t(`admin:role.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={t('admin:filter.state')}
          value={filter.state}
          onChange={(e) => setFilter({ ...filter, state: e.target.value as StateFilter })}
          sx={{ width: 140 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'admin-state-filter' } as object } }}
        >
          <MenuItem value="all">{t('admin:filter.anyState')}</MenuItem>
          <MenuItem value="active">{t('admin:filter.active')}</MenuItem>
          <MenuItem value="locked">{t('admin:filter.locked')}</MenuItem>
        </TextField>
        <Box sx={{ flex: 1 }} />
        <Button startIcon={<RefreshIcon />} onClick={() => onAction('refresh')} disabled={!online || loading} data-testid="admin-refresh" aria-keyshortcuts="R" sx={{ whiteSpace: 'nowrap' }}>
          {t('workspace:action.withKey', { label: t('admin:action.refresh'), key: 'R' })}
        </Button>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => onAction('create')} disabled={!online} data-testid="admin-create" aria-keyshortcuts="N" sx={{ whiteSpace: 'nowrap' }}>
          {t('workspace:action.withKey', { label: t('admin:action.create'), key: 'N' })}
        </Button>
      </Stack>

      {!online && (
        <Alert severity="info" role="status" data-testid="admin-offline">
          {t('admin:offline')}
        </Alert>
      )}
      {listError && <AdminErrorAlert error={listError} action="list" />}

      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, flexWrap: 'wrap', minHeight: 36 }}>
        <Typography variant="body2" data-testid="admin-selected" data-badge={current?.badge} sx={{ fontWeight: current ? 600 : 400, color: current ? 'text.primary' : 'text.secondary' }}>
          {current ? t('admin:selected', { name: current.name, badge: current.badge }) : t('admin:noneSelected')}
        </Typography>
        {current && <ActionBar actions={bar} states={states} busy={busy} onAction={onAction} label={t('admin:action.toolbar')} />}
      </Stack>

      {officers === null && loading ? (
        <Typography variant="body2" color="text.secondary" role="status">
          {t('admin:loading')}
        </Typography>
      ) : (
        <OfficerGrid rows={rows} language={lang} selected={selected} onSelect={setSelected} onReady={(a) => (gridApi.current = a)} />
      )}

      {dialog?.type === 'create' && (
        <CreateOfficerDialog
          open
          busy={busy}
          error={dialogError}
          taken={(b) => (officers ?? []).some((o) => o.badge === b)}
          onCancel={close}
          onConfirm={(o: NewOfficer) =>
            run(
              () => bridge()['admin.officers.create'](o),
              (r) => {
                replace(r.officer);
                setSelected(r.officer.badge);
                notify.success(t('admin:done.created', { badge: r.officer.badge }));
                setDialog({ type: 'password', kind: 'created', officer: r.officer, password: r.password });
              },
            )
          }
        />
      )}
      {dialog?.type === 'reset' && target && (
        <ResetPasswordDialog
          officer={target}
          busy={busy}
          error={dialogError}
          onCancel={close}
          onConfirm={() =>
            run(
              () => bridge()['admin.officers.resetPassword']({ badge: target.badge }),
              (r) => {
                replace(r.officer);
                notify.success(t('admin:done.reset', { badge: r.officer.badge }));
                setDialog({ type: 'password', kind: 'reset', officer: r.officer, password: r.password });
              },
            )
          }
        />
      )}
      {(dialog?.type === 'lock' || dialog?.type === 'unlock') && target && (
        <LockDialog
          mode={dialog.type}
          officer={target}
          busy={busy}
          error={dialogError}
          onCancel={close}
          onConfirm={(reason) =>
            run(
              () =>
                dialog.type === 'lock'
                  ? bridge()['admin.officers.lock']({ badge: target.badge, reason: reason ?? '' })
                  : bridge()['admin.officers.unlock']({ badge: target.badge, ...(reason === undefined ? {} : { reason }) }),
              (r) => {
                replace(r.officer);
                notify.success(t(dialog.type === 'lock' ? 'admin:done.locked' : 'admin:done.unlocked', { badge: r.officer.badge }));
                close();
              },
            )
          }
        />
      )}
      {dialog?.type === 'assign' && target && (
        <AssignDialog
          officer={target}
          busy={busy}
          error={dialogError}
          onCancel={close}
          onConfirm={(a: Assignment) =>
            run(
              () => bridge()['admin.officers.assign']({ badge: target.badge, ...a }),
              (r) => {
                replace(r.officer);
                notify.success(t('admin:done.assigned', { badge: r.officer.badge }));
                close();
              },
            )
          }
        />
      )}
      {dialog?.type === 'password' && (
        <PasswordDialog
          kind={dialog.kind}
          officer={dialog.officer}
          password={dialog.password}
          onClose={close}
        />
      )}
    </Box>
  );
}
