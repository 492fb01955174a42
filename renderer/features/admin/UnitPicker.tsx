import { useMemo } from 'react';
import { Autocomplete, Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { ALL_UNITS, unitLabel, unitNamesOf } from './units';

export interface UnitPickerProps {
  readonly value: string | null;
  readonly onChange: (code: string | null) => void;
  readonly label: string;
  readonly testId: string;
  readonly error?: string | null;
  readonly autoFocus?: boolean;
}

/**
 * A unit of the tree, typed (name or code, in the UI language) or picked with the arrow keys,
 * indented by depth as the tree reads. The input carries `testId`, each option
 * `<testId>-option-<code>`.
 */
export function UnitPicker(props: Readonly<UnitPickerProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const depth = useMemo(() => new Map(ALL_UNITS.map((u) => [u.code, u.depth])), []);
  return (
    <Autocomplete<string, false, false, false>
      options={ALL_UNITS.map((u) => u.code)}
      value={props.value}
      onChange={(_e, v) => props.onChange(v)}
      getOptionLabel={(code) => unitLabel(code, lang)}
      // a unit is found by its name in either language or its code, whatever the screen's language
      filterOptions={(codes, { inputValue }) => {
        const q = inputValue.trim().toLowerCase();
        return q === '' ? codes : codes.filter((code) => code.includes(q) || unitNamesOf(code).some((n) => n.toLowerCase().includes(q)));
      }}
      autoHighlight
      openOnFocus={false}
      renderInput={(params) => (
        <TextField
          {...params}
          label={props.label}
          required
          autoFocus={props.autoFocus}
          error={Boolean(props.error)}
          helperText={props.error ?? t('admin:create.unitHint')}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': props.testId } }}
        />
      )}
      renderOption={(optionProps, code) => {
        const { key, ...rest } = optionProps as typeof optionProps & { key: string };
        return (
          <li key={key} {...rest} data-testid={`${props.testId}-option-${code}`}>
            <Box component="span" sx={{ pl: (depth.get(code) ?? 0) * 1.5 }}>
              {unitLabel(code, lang)}
            </Box>
          </li>
        );
      }}
    />
  );
}
