import { useMemo, useState } from 'react';
import { Alert, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { ROUTE_DEADLINE_HOURS } from '#shared/data/tip-routing';
import { routeDueAt } from '#shared/rules/tipRouting';
import { formatDateTime } from '../../../app/format';
import { useSession } from '../../../app/session';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { routeOptions } from '../units';
import { UnitPicker } from './UnitPicker';

/** Hours as the officer typed them, when they are a valid deadline (1–720 h); else null. */
export function deadlineHoursOf(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= 720 ? n : null;
}

/**
 * Route the tip to a unit of the tree with a deadline: the category's usual unit (shared/data
 * tip-routing.ts, first of the proposals) and its deadline are preset, so U then Enter routes an
 * urgent tip; both can be changed (the hours 1–720). A primary takes its duplicate group along
 * (the exchange moves the linked tips and tells every reporter).
 */
export function RouteDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const { session } = useSession();
  const { item } = props;
  const options = useMemo(() => routeOptions(item.data.category, item.unitCode, session.officer), [item.data.category, item.unitCode, session.officer]);
  const [unit, setUnit] = useState<string | null>(() => options[0]?.code ?? null);
  const preset = ROUTE_DEADLINE_HOURS[item.data.category];
  const [hoursText, setHoursText] = useState(String(preset));
  const [note, setNote] = useState('');
  const hours = deadlineHoursOf(hoursText);
  const due = hours === null ? null : routeDueAt(item.data.category, new Date(), hours);
  return (
    <DialogFrame
      open
      title={t('tips:dialog.routeTitle')}
      testId="route-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={unit === null || hours === null}
      confirmLabel={t('tips:action.route')}
      onCancel={props.onClose}
      onConfirm={() =>
        unit !== null &&
        hours !== null &&
        props.onCommand({ type: 'route', body: { unitCode: unit, note: note.trim(), ...(hours === preset ? {} : { deadlineHours: hours }) } })
      }
    >
      <UnitPicker options={options} value={unit} onChange={setUnit} />
      <Stack direction="row" spacing={1}>
        <TextField
          label={t('tips:route.hours')}
          value={hoursText}
          onChange={(e) => setHoursText(e.target.value)}
          autoFocus
          error={hours === null}
          helperText={hours === null ? t('tips:route.hoursInvalid') : t('tips:route.due', { time: formatDateTime(due), preset })}
          sx={{ width: 260 }}
          slotProps={{ htmlInput: { 'data-testid': 'route-hours', inputMode: 'numeric', maxLength: 3 } }}
        />
        <TextField
          label={t('tips:route.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'route-note', maxLength: 1000 } }}
        />
      </Stack>
      {item.status === 'new' && (
        <Alert severity="info" role="note">
          {t('tips:route.groupFollows')}
        </Alert>
      )}
    </DialogFrame>
  );
}
