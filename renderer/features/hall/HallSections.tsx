import { useEffect, useRef, type ReactNode } from 'react';
import { Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemRow } from '#shared/contract/bridge';
import { findAppointmentService } from '#shared/data/appointments';
import { formatDateTime } from '../../app/format';
import { currentLanguage, type Language } from '../../app/i18n';
import { serviceName } from '../../app/i18n/names';
import { localUnitName } from '../../app/i18n/units';
import { shortUnitName } from '../dashboard/names';
import { inSlotOrder, shanghaiClock, slotEndOf } from './hall';

export type SectionId = 'appointments' | 'window' | 'ems';

/** A button of a section's bar: its key in the label, the reason it is disabled as tooltip, `data-reason` and a line below. */
export interface HallAction {
  readonly id: string;
  readonly label: string;
  readonly shortcut: string;
  readonly reason: string | null;
  readonly run: () => void;
}

export function appointmentServiceName(code: string, lang: Language): string {
  const s = findAppointmentService(code);
  if (!s) return code;
  return lang === 'en' ? s.nameEn : s.name;
}

const STATUS_COLOR: Readonly<Record<string, 'default' | 'primary' | 'success' | 'warning'>> = { booked: 'default', checked_in: 'primary', served: 'success', no_show: 'warning' };

function ActionButtons(props: Readonly<{ actions: readonly HallAction[]; showReasons: boolean }>) {
  const { t } = useTranslation();
  const reasons = props.actions.filter((a) => a.reason !== null);
  return (
    <Stack sx={{ alignItems: 'flex-end', gap: 0.25 }}>
      <Stack direction="row" sx={{ gap: 0.75 }}>
        {props.actions.map((a) => (
          <Tooltip key={a.id} title={a.reason ?? ''} disableHoverListener={a.reason === null}>
            <span>
              <Button variant="outlined" disabled={a.reason !== null} onClick={a.run} data-testid={`hall-action-${a.id}`} data-reason={a.reason ?? undefined} sx={{ whiteSpace: 'nowrap' }}>
                {a.label}
                <Box component="kbd" sx={{ ml: 0.75, px: 0.5, border: 1, borderColor: 'divider', borderRadius: 0.5, fontFamily: 'monospace', fontSize: 11, lineHeight: 1.4 }}>
                  {a.shortcut}
                </Box>
              </Button>
            </span>
          </Tooltip>
        ))}
      </Stack>
      {props.showReasons &&
        reasons.slice(0, 1).map((a) => (
          <Typography key={a.id} variant="caption" color="text.secondary" data-testid={`hall-reason-${a.id}`} sx={{ textAlign: 'right' }}>
            {t('hall:reasonLine', { action: a.label, reason: a.reason })}
          </Typography>
        ))}
    </Stack>
  );
}

/** One of the window's three cards: heading with its count and key, the action bar, a scrolling table. */
function Card(props: Readonly<{ id: SectionId; title: string; count: string; sectionKey: string; active: boolean; actions: readonly HallAction[]; children: ReactNode; onFocus: () => void }>) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={`hall-${props.id}-title`}
      data-testid={`hall-section-${props.id}`}
      data-active={props.active || undefined}
      onMouseDown={props.onFocus}
      sx={{ p: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column', borderColor: props.active ? 'primary.main' : 'divider', borderWidth: props.active ? 2 : 1 }}
    >
      <Stack direction="row" sx={{ alignItems: 'flex-start', justifyContent: 'space-between', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
        <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1, minWidth: 0, flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h2" id={`hall-${props.id}-title`} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
            <Box component="kbd" sx={{ mr: 0.75, px: 0.5, border: 1, borderColor: 'divider', borderRadius: 0.5, fontFamily: 'monospace', fontSize: 11, color: 'text.secondary' }}>
              {props.sectionKey}
            </Box>
            {props.title}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid={`hall-${props.id}-count`}>
            {props.count}
          </Typography>
        </Stack>
        <ActionButtons actions={props.actions} showReasons={props.active} />
      </Stack>
      <TableContainer sx={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>{props.children}</TableContainer>
    </Paper>
  );
}

/** Keeps the selected row in view as ↑/↓ or a scan moves the selection. */
function useScrollIntoView(selected: string | null) {
  const ref = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return ref;
}

const rowSx = (selected: boolean) => ({ cursor: 'pointer', '&.Mui-selected, &.Mui-selected:hover': { bgcolor: '#d6e4f5' }, ...(selected ? { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } : {}) });
const cellSx = { py: 0.4, px: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;
const headSx = { py: 0.5, px: 0.75, fontWeight: 600, whiteSpace: 'nowrap', bgcolor: '#e9eef5' } as const;

export interface AppointmentsCardProps {
  readonly rows: readonly ItemRow[];
  readonly selected: string | null;
  readonly active: boolean;
  readonly loaded: boolean;
  readonly closedToday: boolean;
  readonly counts: string;
  readonly actions: readonly HallAction[];
  readonly onSelect: (id: string) => void;
  readonly onFocus: () => void;
}

/** 今日预约: the day's bookings in slot order, each slot time written once over its rows. */
export function AppointmentsCard(props: Readonly<AppointmentsCardProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ref = useScrollIntoView(props.selected);
  const ordered = inSlotOrder(props.rows);
  return (
    <Card id="appointments" title={t('hall:appointments.title')} count={props.counts} sectionKey="1" active={props.active} actions={props.actions} onFocus={props.onFocus}>
      {ordered.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ p: 1 }} data-testid="hall-appointments-empty">
          {!props.loaded ? t('hall:appointments.loading') : props.closedToday ? t('hall:appointments.emptyClosed') : t('hall:appointments.empty')}
        </Typography>
      ) : (
        <Table size="small" stickyHeader aria-labelledby="hall-appointments-title" sx={{ tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ ...headSx, width: 96 }}>{t('hall:appointments.slot')}</TableCell>
              <TableCell sx={headSx}>{t('hall:appointments.service')}</TableCell>
              <TableCell sx={{ ...headSx, width: '16%' }}>{t('hall:appointments.citizen')}</TableCell>
              <TableCell sx={{ ...headSx, width: 150 }}>{t('hall:appointments.idMasked')}</TableCell>
              <TableCell sx={{ ...headSx, width: 84 }}>{t('hall:appointments.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ordered.map(({ row, slot, first }) => {
              const end = slotEndOf(row);
              const selected = row.id === props.selected;
              return (
                <TableRow
                  key={row.id}
                  ref={selected ? ref : undefined}
                  hover
                  selected={selected}
                  aria-selected={selected}
                  data-testid={`hall-appt-${row.id}`}
                  data-status={row.status}
                  data-pending={row.pending || undefined}
                  onClick={() => props.onSelect(row.id)}
                  sx={{ ...rowSx(selected), ...(first ? { '& td': { borderTop: '2px solid #c9d3e0' } } : {}) }}
                >
                  <TableCell sx={{ ...cellSx, fontVariantNumeric: 'tabular-nums', fontWeight: first ? 600 : 400, color: first ? 'text.primary' : 'text.secondary' }} title={row.id} data-testid="hall-appt-slot">
                    {`${slot}${end ? `–${shanghaiClock(end)}` : ''}`}
                  </TableCell>
                  <TableCell sx={cellSx} title={`${row.id} · ${appointmentServiceName(row.label, lang)}`}>
                    {appointmentServiceName(row.label, lang)}
                  </TableCell>
                  <TableCell sx={cellSx}>{row.person}</TableCell>
                  <TableCell sx={{ ...cellSx, fontFamily: 'monospace', fontSize: 12 }}>{row.personIdMasked}</TableCell>
                  <TableCell sx={cellSx}>
                    <Chip label={t(`domain:status.appointment.${row.status}`)} color={STATUS_COLOR[row.status] ?? 'default'} variant={row.status === 'booked' ? 'outlined' : 'filled'} data-testid="hall-appt-status" />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

export interface PickupCardProps {
  readonly id: 'window' | 'ems';
  readonly sectionKey: string;
  readonly rows: readonly ItemRow[];
  readonly selected: string | null;
  readonly active: boolean;
  readonly actions: readonly HallAction[];
  readonly onSelect: (id: string) => void;
  readonly onFocus: () => void;
}

/** 待领取（窗口） / 待邮寄（EMS）: approved applications of the clerk's scope with their unit, oldest approval first. */
export function PickupCard(props: Readonly<PickupCardProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ref = useScrollIntoView(props.selected);
  return (
    <Card
      id={props.id}
      title={t(`hall:${props.id}.title`)}
      count={String(props.rows.length)}
      sectionKey={props.sectionKey}
      active={props.active}
      actions={props.actions}
      onFocus={props.onFocus}
    >
      {props.rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ p: 1 }} data-testid={`hall-${props.id}-empty`}>
          {t(`hall:${props.id}.empty`)}
        </Typography>
      ) : (
        <Table size="small" stickyHeader aria-labelledby={`hall-${props.id}-title`} sx={{ tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ ...headSx, width: 128 }}>{t('hall:col.id')}</TableCell>
              <TableCell sx={headSx}>{t('hall:col.service')}</TableCell>
              <TableCell sx={{ ...headSx, width: '17%' }}>{t('hall:col.applicant')}</TableCell>
              <TableCell sx={{ ...headSx, width: '22%' }}>{t('hall:col.unit')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.rows.map((row) => {
              const selected = row.id === props.selected;
              const unit = shortUnitName(row.unitCode, lang);
              return (
                <TableRow
                  key={row.id}
                  ref={selected ? ref : undefined}
                  hover
                  selected={selected}
                  aria-selected={selected}
                  data-testid={`hall-${props.id}-${row.id}`}
                  data-pending={row.pending || undefined}
                  onClick={() => props.onSelect(row.id)}
                  sx={rowSx(selected)}
                >
                  <TableCell sx={{ ...cellSx, fontFamily: 'monospace', fontSize: 12 }}>{row.id}</TableCell>
                  <TableCell sx={cellSx} title={`${serviceName(row.label, lang)} · ${t('hall:col.approvedAt')} ${formatDateTime(row.updatedAt)}`}>
                    {serviceName(row.label, lang)}
                  </TableCell>
                  <TableCell sx={cellSx} title={row.personIdMasked}>
                    {row.person}
                  </TableCell>
                  <TableCell sx={cellSx} title={localUnitName(row.unitCode, lang)}>
                    {unit}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
