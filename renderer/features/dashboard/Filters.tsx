import { useState } from 'react';
import { Alert, Autocomplete, Box, Button, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { localUnitName } from '../../app/i18n/units';
import type { UnitOption } from './jurisdiction';
import { customRange, lastDayOf, PERIOD_IDS, shanghaiDate, type CustomRangeProblem, type PeriodId, type Range } from './period';

export interface FiltersProps {
  readonly units: readonly UnitOption[];
  readonly unit: string;
  readonly onUnit: (code: string) => void;
  readonly period: PeriodId;
  readonly range: Range;
  /** A preset chosen, or a custom range applied. */
  readonly onPeriod: (period: PeriodId, custom?: Range) => void;
  readonly onRefresh: () => void;
  readonly nowMs: number;
  readonly disabled: boolean;
}

/**
 * Which unit and which period: the unit from the officer's jurisdiction (searchable, arrow keys),
 * the period as toggle buttons; "custom" shows two date fields and applies them with Enter or the
 * button, refusing impossible ranges in words. The period shown carries its bounds as
 * `data-from` / `data-to` (test id `dashboard-period`), the instants the figures are asked for.
 */
export function Filters(props: Readonly<FiltersProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [first, setFirst] = useState(() => shanghaiDate(Date.parse(props.range.from)));
  const [last, setLast] = useState(() => lastDayOf(props.range));
  const [problem, setProblem] = useState<CustomRangeProblem | null>(null);
  const selected = props.units.find((u) => u.code === props.unit) ?? null;

  const applyCustom = () => {
    const r = customRange(first, last, props.nowMs);
    if (!r.ok) return setProblem(r.problem);
    setProblem(null);
    props.onPeriod('custom', r.range);
  };
  const choose = (p: PeriodId | null) => {
    if (!p) return;
    setProblem(null);
    if (p === 'custom') {
      // start from the period shown; the figures change when the officer applies the days
      setFirst(shanghaiDate(Date.parse(props.range.from)));
      setLast(lastDayOf(props.range));
    }
    props.onPeriod(p);
  };

  return (
    <Stack direction="row" sx={{ gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={t('dashboard:filters.label')}>
      <Autocomplete
        options={props.units as UnitOption[]}
        value={selected}
        disableClearable={selected !== null}
        onChange={(_e, v) => v && props.onUnit(v.code)}
        getOptionLabel={(o) => localUnitName(o.code, lang)}
        isOptionEqualToValue={(a, b) => a.code === b.code}
        noOptionsText={t('dashboard:filters.noUnit')}
        autoHighlight
        renderOption={(optionProps, o) => {
          const { key, ...rest } = optionProps as typeof optionProps & { key: string };
          return (
            <li key={key} {...rest} data-testid={`unit-option-${o.code}`}>
              <Box component="span" sx={{ pl: o.depth * 1.5 }}>
                {localUnitName(o.code, lang)}
              </Box>
            </li>
          );
        }}
        renderInput={(params) => <TextField {...params} label={t('dashboard:filters.unit')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'dashboard-unit' } }} />}
        sx={{ width: lang === 'en' ? 330 : 270 }}
        size="small"
      />
      <ToggleButtonGroup exclusive size="small" value={props.period} onChange={(_e, v: PeriodId | null) => choose(v)} aria-label={t('dashboard:filters.period')}>
        {PERIOD_IDS.map((p) => (
          <ToggleButton key={p} value={p} data-testid={`period-${p}`} sx={{ px: 1.25, whiteSpace: 'nowrap' }}>
            {t(`dashboard:filters.periods.${p}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {props.period === 'custom' && (
        <Stack
          direction="row"
          component="form"
          sx={{ gap: 1, alignItems: 'center' }}
          onSubmit={(e) => {
            e.preventDefault();
            applyCustom();
          }}
        >
          <TextField type="date" label={t('dashboard:filters.from')} value={first} onChange={(e) => setFirst(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'custom-from' } }} sx={{ width: 150 }} />
          <TextField type="date" label={t('dashboard:filters.to')} value={last} onChange={(e) => setLast(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'custom-to' } }} sx={{ width: 150 }} />
          <Button type="submit" variant="contained" data-testid="custom-apply">
            {t('dashboard:filters.apply')}
          </Button>
        </Stack>
      )}
      <Typography variant="body2" color="text.secondary" data-testid="dashboard-period" data-from={props.range.from} data-to={props.range.to} sx={{ whiteSpace: 'nowrap' }}>
        {t('dashboard:filters.range', { from: shanghaiDate(Date.parse(props.range.from)), to: lastDayOf(props.range) })}
      </Typography>
      <Button startIcon={<RefreshIcon />} onClick={props.onRefresh} disabled={props.disabled} data-testid="dashboard-refresh">
        {t('dashboard:filters.refresh')}
      </Button>
      {problem && (
        <Alert severity="error" role="alert" data-testid="custom-problem" sx={{ py: 0, flexBasis: '100%' }}>
          {t(`dashboard:filters.problem.${problem}`)}
        </Alert>
      )}
    </Stack>
  );
}
