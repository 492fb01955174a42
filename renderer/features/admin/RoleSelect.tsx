import { MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { RoleSchema, type Role } from '#shared/domain/officers';

/** One of the five roles, named in the UI language; the select's input carries `testId`. */
export function RoleSelect(props: Readonly<{ value: Role; onChange: (role: Role) => void; label: string; testId: string }>) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(RoleSchema.parse(e.target.value))}
      required
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': props.testId } as object } }}
    >
      {RoleSchema.options.map((r) => (
        <MenuItem key={r} value={r} data-testid={`${props.testId}-${r}`}>
          {t(`admin:role.${r}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}
