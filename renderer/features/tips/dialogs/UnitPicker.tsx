import { useMemo } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n';
import { localUnitName } from '../../../app/i18n/units';
import type { RouteOption } from '../units';

export interface UnitPickerProps {
  readonly options: readonly RouteOption[];
  readonly value: string | null;
  readonly onChange: (code: string | null) => void;
  readonly autoFocus?: boolean;
}

/**
 * A unit of the tree to route to, typed or picked: grouped as the route dialog lists them
 * (proposed for the category first, then the city's divisions, district bureaus and stations),
 * names in the UI language with the code. Test id `route-unit` (its input).
 */
export function UnitPicker(props: Readonly<UnitPickerProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const byCode = useMemo(() => new Map(props.options.map((o) => [o.code, o])), [props.options]);
  const label = (code: string) => `${localUnitName(code, lang)} · ${code}`;
  return (
    <Autocomplete<string, false, false, false>
      options={props.options.map((o) => o.code)}
      value={props.value}
      onChange={(_e, v) => props.onChange(v)}
      groupBy={(code) => t(`tips:route.group.${byCode.get(code)?.group ?? 'station'}`)}
      getOptionLabel={label}
      autoHighlight
      openOnFocus={false}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('tips:route.unit')}
          autoFocus={props.autoFocus}
          required
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'route-unit' } }}
        />
      )}
      renderOption={(optionProps, code) => {
        const { key, ...rest } = optionProps as typeof optionProps & { key: string };
        return (
          <li key={key} {...rest} data-testid={`route-option-${code}`}>
            {label(code)}
          </li>
        );
      }}
    />
  );
}
