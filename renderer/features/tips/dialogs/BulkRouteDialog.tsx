import { useMemo, useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DialogFrame } from '../../workspace/DialogFrame';
import { BulkOutcome, useBulkRun } from '../../workspace/BulkRun';
import type { BulkDialogProps } from '../../workspace/types';
import { routeOptions } from '../units';
import { deadlineHoursOf } from './RouteDialog';
import { UnitPicker } from './UnitPicker';

/**
 * Route the ticked tips to one unit: each is claimed if needed, then routed (through the outbox,
 * which chains their versions). The deadline stays each tip's category default unless hours are
 * given for all. A tip the core refuses (held by a colleague, already closed, a follower of a
 * group) is left and listed with why.
 */
export function BulkRouteDialog(props: Readonly<BulkDialogProps>) {
  const { t } = useTranslation();
  const options = useMemo(() => routeOptions(null, props.officer.unitCode, props.officer), [props.officer]);
  const [unit, setUnit] = useState<string | null>(null);
  const [hoursText, setHoursText] = useState('');
  const [note, setNote] = useState('');
  const hours = hoursText.trim() === '' ? undefined : deadlineHoursOf(hoursText);
  const run = useBulkRun(props.ids, props.officer, props.onDone);
  const finished = run.outcomes !== null;
  return (
    <DialogFrame
      open
      title={t('tips:bulk.routeTitle', { count: props.ids.length })}
      testId="bulk-route-dialog"
      error={null}
      busy={run.running}
      confirmDisabled={unit === null || hours === null}
      hideConfirm={finished}
      cancelLabel={finished ? t('app:close') : undefined}
      confirmLabel={t('tips:bulk.route')}
      onCancel={props.onClose}
      onConfirm={() =>
        unit !== null && hours !== null && run.start(() => ({ type: 'route', body: { unitCode: unit, note: note.trim(), ...(hours === undefined ? {} : { deadlineHours: hours }) } }))
      }
    >
      <UnitPicker options={options} value={unit} onChange={setUnit} autoFocus />
      <Stack direction="row" spacing={1}>
        <TextField
          label={t('tips:route.hours')}
          value={hoursText}
          onChange={(e) => setHoursText(e.target.value)}
          error={hours === null}
          helperText={hours === null ? t('tips:route.hoursInvalid') : t('tips:bulk.hoursDefault')}
          sx={{ width: 260 }}
          slotProps={{ htmlInput: { 'data-testid': 'route-hours', inputMode: 'numeric', maxLength: 3 } }}
        />
        <TextField label={t('tips:route.note')} value={note} onChange={(e) => setNote(e.target.value)} fullWidth slotProps={{ htmlInput: { 'data-testid': 'route-note', maxLength: 1000 } }} />
      </Stack>
      <BulkOutcome run={run} total={props.ids.length} officer={props.officer} />
    </DialogFrame>
  );
}
