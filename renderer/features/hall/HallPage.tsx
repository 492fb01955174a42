import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ItemRow } from '#shared/contract/bridge';
import type { WorkItem } from '#shared/domain/items';
import { checkAction } from '#shared/rules/commands';
import { isWorkingDay } from '#shared/rules/workdays';
import { bridge, toBridgeError, type BridgeCallError } from '../../app/bridge';
import { ErrorAlert } from '../../app/ErrorAlert';
import { isTyping, useNow } from '../../app/hooks';
import { currentLanguage } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import type { RouteProps } from '../../app/routes';
import { useSession } from '../../app/session';
import { shortUnitName } from '../dashboard/names';
import { DispatchDialog, HandOverDialog } from './dialogs';
import { appointmentBlock, bookingOf, countAppointments, firstOpenIndex, hallsOf, hallStorageKey, inSlotOrder, isWholeIdNumber, matchRows, pickHall, readScan, shanghaiClock, shanghaiDayOf, weekdayOf } from './hall';
import { AppointmentsCard, appointmentServiceName, PickupCard, type HallAction, type SectionId } from './HallSections';
import { HallShortcuts } from './HallShortcuts';
import { HALL_KEYS, hallIntent, keepSelection, moveSelection, sectionOf, type HallCommand } from './keys';
import { useHallLists } from './useHall';

type Selection = Readonly<Record<SectionId, string | null>>;
/** Said back in the language on screen when it is read (the officer may switch languages after it). */
type Notice = { readonly text: (t: TFunction) => string; readonly severity: 'success' | 'info' | 'warning' };
type ApptCommand = 'check_in' | 'serve' | 'no_show';

function readHall(badge: string): string | null {
  try {
    return localStorage.getItem(hallStorageKey(badge));
  } catch {
    return null;
  }
}

/**
 * The clerk's "Internet +" window (issue 10): the hall chosen (remembered per badge on this PC —
 * the console's settings hold only console-wide options), today's appointments there in slot
 * order with C 签到 / S 办理完成 / X 未到, the approved applications of the clerk's scope waiting
 * at the window (H: the ID card checked by the exchange) or for EMS (E: the waybill), and a scan
 * field for a card reader or a barcode scanner. Everything reads the console's cache, so the
 * lists and the appointment commands work offline; only the hand-over needs the network.
 */
export function HallPage(props: Readonly<Pick<RouteProps, 'online' | 'active'>>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { session } = useSession();
  const officer = session.officer;
  const halls = useMemo(() => hallsOf(officer), [officer]);
  const [hall, setHallState] = useState<string | null>(() => pickHall(halls, readHall(officer.badge)));
  const nowMs = useNow(30_000);
  const day = shanghaiDayOf(nowMs);
  const [tick, setTick] = useState(0);
  const lists = useHallLists(hall, nowMs, tick, props.active);

  const [section, setSection] = useState<SectionId>('appointments');
  const [selection, setSelection] = useState<Selection>({ appointments: null, window: null, ems: null });
  const [dialog, setDialog] = useState<{ type: 'hand_over' | 'dispatch'; row: ItemRow } | null>(null);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<BridgeCallError | null>(null);
  const [busy, setBusy] = useState(false);
  const [scan, setScan] = useState('');
  const scanRef = useRef<HTMLInputElement | null>(null);
  const pageRef = useRef<HTMLDivElement | null>(null);

  const setHall = (code: string) => {
    setHallState(code);
    setSelection((s) => ({ ...s, appointments: null }));
    try {
      localStorage.setItem(hallStorageKey(officer.badge), code);
    } catch {
      // a profile without storage just forgets the choice
    }
  };

  const apptIds = useMemo(() => inSlotOrder(lists.appointments).map((o) => o.row.id), [lists.appointments]);
  const ids: Readonly<Record<SectionId, readonly string[]>> = useMemo(
    () => ({ appointments: apptIds, window: lists.window.map((r) => r.id), ems: lists.ems.map((r) => r.id) }),
    [apptIds, lists.window, lists.ems],
  );
  // a reload keeps each selection, or moves it to the row now in its place
  const previous = useRef(ids);
  useEffect(() => {
    const before = previous.current;
    previous.current = ids;
    setSelection((s) => {
      const ordered = inSlotOrder(lists.appointments).map((o) => o.row);
      const appointments = s.appointments === null ? (ordered[firstOpenIndex(ordered)]?.id ?? null) : keepSelection(ids.appointments, s.appointments, before.appointments);
      return { appointments, window: keepSelection(ids.window, s.window, before.window), ems: keepSelection(ids.ems, s.ems, before.ems) };
    });
  }, [ids, lists.appointments]);

  const counts = countAppointments(lists.appointments);
  const selectedRow = selection.appointments ? lists.appointments.find((r) => r.id === selection.appointments) : undefined;
  const selectedAppt = selectedRow ? bookingOf(selectedRow) : null;
  const rowOf = (s: SectionId, id: string | null) => (id === null ? undefined : (s === 'appointments' ? lists.appointments : s === 'window' ? lists.window : lists.ems).find((r) => r.id === id));

  const apptReason = (action: ApptCommand): string | null => {
    if (selection.appointments === null) return t('hall:reason.none');
    if (!selectedAppt) return t('hall:reason.loading');
    const refused = checkAction(selectedAppt, action, { officer, now: new Date(nowMs) });
    if (!refused) return null;
    const block = appointmentBlock(selectedAppt, action, nowMs);
    switch (block.type) {
      case 'status':
        return t('hall:reason.status', { status: t(`domain:status.appointment.${selectedAppt.status}`), action: t(`hall:action.${action}`) });
      case 'notToday':
        return t('hall:reason.notToday', { date: block.date });
      case 'notEnded':
        return t('hall:reason.notEnded', { end: shanghaiClock(block.end) });
      default:
        return lang === 'zh-CN' ? refused.message : t(`errors:${refused.code}`);
    }
  };

  const say = (text: (t: TFunction) => string, severity: Notice['severity'] = 'success') => setNotice({ text, severity });

  const runAppointment = useCallback(
    async (action: ApptCommand, id: string) => {
      setBusy(true);
      setError(null);
      try {
        await bridge()['items.command']({ itemId: id, type: action, body: {} });
        const queued = !props.online;
        setNotice({ text: (tr) => tr(`hall:done.${action}`, { id }) + (queued ? tr('hall:done.queued') : ''), severity: 'success' });
        setTick((n) => n + 1);
      } catch (e) {
        setError(toBridgeError(e));
      } finally {
        setBusy(false);
      }
    },
    [props.online],
  );

  const reasons: Readonly<Record<HallCommand, string | null>> = {
    check_in: apptReason('check_in'),
    serve: apptReason('serve'),
    no_show: apptReason('no_show'),
    hand_over: selection.window === null ? t('hall:reason.none') : props.online ? null : t('hall:reason.offline'),
    dispatch: selection.ems === null ? t('hall:reason.none') : null,
  };

  const act = (action: HallCommand) => {
    if (busy || reasons[action] !== null) return;
    setSection(sectionOf(action));
    if (action === 'hand_over' || action === 'dispatch') {
      const row = rowOf(action === 'hand_over' ? 'window' : 'ems', action === 'hand_over' ? selection.window : selection.ems);
      if (row) {
        setError(null);
        setDialog({ type: action, row });
      }
      return;
    }
    if (selection.appointments) void runAppointment(action, selection.appointments);
  };

  /** Reads the scan field: an id selects its row, a read ID card the rows of its masked number, text the first match. */
  const readScanText = (raw: string) => {
    const s = readScan(raw);
    setScan('');
    if (s.type === 'empty') return;
    if (s.type === 'badIdNumber') return say((tr) => tr('hall:scan.badIdNumber'), 'warning');
    const labelOf = (code: string) => appointmentServiceName(code, lang);
    const apptRows = inSlotOrder(lists.appointments).map((o) => o.row);
    const found: [SectionId, ItemRow][] = [
      ...matchRows(apptRows, s, labelOf).map((r): [SectionId, ItemRow] => ['appointments', r]),
      ...matchRows(lists.window, s).map((r): [SectionId, ItemRow] => ['window', r]),
      ...matchRows(lists.ems, s).map((r): [SectionId, ItemRow] => ['ems', r]),
    ];
    // what is said back never holds a full ID number: only its masked form
    const what = (tr: TFunction) => (s.type === 'idNumber' ? tr('hall:scan.byId', { masked: s.masked }) : s.type === 'id' ? s.id : s.text);
    const first = found[0];
    if (!first) return say((tr) => tr('hall:scan.notFound', { what: what(tr) }), 'warning');
    const [sec, row] = first;
    setSection(sec);
    setSelection((sel) => ({ ...sel, [sec]: row.id }));
    const count = found.length;
    say((tr) => (count === 1 ? tr('hall:scan.found', { id: row.id }) : tr('hall:scan.foundMany', { count, id: row.id })), 'info');
  };

  useEffect(() => {
    if (!props.active || dialog !== null || help) return;
    const onKey = (e: KeyboardEvent) => {
      const intent = hallIntent(e, isTyping(e.target));
      if (!intent) return;
      e.preventDefault();
      switch (intent.type) {
        case 'help':
          setHelp(true);
          break;
        case 'search':
          scanRef.current?.focus();
          break;
        case 'section':
          setSection(intent.section);
          break;
        case 'move':
          setSelection((s) => ({ ...s, [section]: moveSelection(ids[section], s[section], intent.by) }));
          break;
        case 'action':
          act(intent.action);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const bar = (list: readonly HallCommand[]): HallAction[] =>
    list.map((a) => ({ id: a, label: t(`hall:action.${a}`), shortcut: HALL_KEYS[a], reason: reasons[a], run: () => act(a) }));

  const onDone = (item: WorkItem, extra: { waybill?: string; queued: boolean }) => {
    const type = dialog?.type ?? 'hand_over';
    setDialog(null);
    say((tr) => tr(`hall:done.${type}`, { id: item.id, waybill: extra.waybill ?? '' }) + (extra.queued ? tr('hall:done.queued') : ''));
    setTick((n) => n + 1);
    pageRef.current?.focus();
  };

  const weekday = t(`hall:weekdays.${weekdayOf(day.date)}`);
  return (
    <Box
      ref={pageRef}
      tabIndex={-1}
      data-testid="hall-page"
      data-hall={hall ?? undefined}
      data-loaded={lists.loaded || undefined}
      sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', p: 1.5, gap: 1, bgcolor: 'background.default', outline: 'none' }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h1">
          {t('app:nav.hall')}
        </Typography>
        {halls.length > 0 ? (
          <TextField
            select
            label={t('hall:hall')}
            value={hall ?? ''}
            onChange={(e) => setHall(e.target.value)}
            sx={{ minWidth: 200 }}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'hall-select', title: hall ? localUnitName(hall, lang) : '' } as object } }}
          >
            {halls.map((code) => (
              <MenuItem key={code} value={code} data-testid={`hall-option-${code}`}>
                {shortUnitName(code, lang)}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <Alert severity="info">{t('hall:noHall')}</Alert>
        )}
        <Typography variant="body1" data-testid="hall-date" data-date={day.date} sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('hall:today', { date: day.date, weekday })}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="hall-counts" data-booked={counts.booked} data-checked-in={counts.checked_in} data-served={counts.served} data-no-show={counts.no_show}>
          {t('hall:appointments.counts', counts)}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <TextField
          inputRef={scanRef}
          label={t('hall:scan.label')}
          placeholder={t('hall:scan.placeholder')}
          value={scan}
          onChange={(e) => {
            // a card reader's whole number is read at once and cleared: it never stays on screen
            if (isWholeIdNumber(e.target.value)) readScanText(e.target.value);
            else setScan(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              readScanText(scan);
              pageRef.current?.focus();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setScan('');
              pageRef.current?.focus();
            }
          }}
          autoComplete="off"
          sx={{ width: 330 }}
          slotProps={{ htmlInput: { 'data-testid': 'hall-scan', spellCheck: false, 'aria-description': t('hall:scan.hint') } }}
        />
      </Stack>
      <Box sx={{ minHeight: 24 }}>
        {notice && (
          <Typography variant="body2" role="status" data-testid="hall-notice" data-severity={notice.severity} color={notice.severity === 'success' ? 'success.main' : notice.severity === 'warning' ? 'warning.main' : 'text.primary'}>
            {notice.text(t)}
          </Typography>
        )}
        {error && (
          <Box data-testid="hall-error">
            <ErrorAlert error={error} />
          </Box>
        )}
        {lists.error && <ErrorAlert error={lists.error} />}
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: 'minmax(0, 11fr) minmax(0, 9fr)', gridTemplateRows: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 1 }}>
        <Box sx={{ gridRow: '1 / 3', minHeight: 0, display: 'flex', flexDirection: 'column', '& > *': { flex: 1 } }}>
          <AppointmentsCard
            rows={lists.appointments}
            selected={selection.appointments}
            active={section === 'appointments'}
            loaded={lists.loaded}
            closedToday={!isWorkingDay(day.date)}
            counts={String(counts.total)}
            actions={bar(['check_in', 'serve', 'no_show'])}
            onSelect={(id) => setSelection((s) => ({ ...s, appointments: id }))}
            onFocus={() => setSection('appointments')}
          />
        </Box>
        <PickupCard id="window" sectionKey="2" rows={lists.window} selected={selection.window} active={section === 'window'} actions={bar(['hand_over'])} onSelect={(id) => setSelection((s) => ({ ...s, window: id }))} onFocus={() => setSection('window')} />
        <PickupCard id="ems" sectionKey="3" rows={lists.ems} selected={selection.ems} active={section === 'ems'} actions={bar(['dispatch'])} onSelect={(id) => setSelection((s) => ({ ...s, ems: id }))} onFocus={() => setSection('ems')} />
      </Box>
      {dialog?.type === 'hand_over' && <HandOverDialog row={dialog.row} online={props.online} onClose={() => setDialog(null)} onDone={onDone} />}
      {dialog?.type === 'dispatch' && <DispatchDialog row={dialog.row} online={props.online} onClose={() => setDialog(null)} onDone={onDone} />}
      <HallShortcuts open={help} onClose={() => setHelp(false)} />
    </Box>
  );
}
