import { useState } from 'react';
import { Alert, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/domain/officers';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from '../../workspace/DialogFrame';
import { AdminErrorAlert } from '../AdminErrorAlert';
import { badgeProblem, nameProblem, unitProblem } from '../form';
import { RoleSelect } from '../RoleSelect';
import { UnitPicker } from '../UnitPicker';

export interface NewOfficer {
  readonly badge: string;
  readonly name: string;
  readonly role: Role;
  readonly unitCode: string;
}

export interface CreateOfficerDialogProps {
  readonly open: boolean;
  readonly busy: boolean;
  readonly error: BridgeCallError | null;
  /** A badge the roster already has: refused here before the exchange refuses it. */
  readonly taken: (badge: string) => boolean;
  readonly onCancel: () => void;
  readonly onConfirm: (o: NewOfficer) => void;
}

/**
 * 新建警员: badge (6 digits, not one the roster has), name, role and unit from the tree. A field's
 * problem shows once the field was left or a confirm was tried; confirm sends only a clean form.
 * The exchange generates the password (shown next, once).
 */
export function CreateOfficerDialog(props: Readonly<CreateOfficerDialogProps>) {
  const { t } = useTranslation();
  const [badge, setBadge] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [unit, setUnit] = useState<string | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const touch = (f: string) => setTouched((s) => new Set([...s, f]));

  const problems = { badge: badgeProblem(badge, props.taken), name: nameProblem(name.trim()), unit: unitProblem(unit) };
  const shown = (f: keyof typeof problems) => (touched.has(f) || touched.has('*') ? problems[f] : null);
  const text = (key: string | null) => (key ? t(key, { badge }) : null);

  const confirm = () => {
    if (problems.badge || problems.name || problems.unit || unit === null) {
      touch('*');
      return;
    }
    props.onConfirm({ badge, name: name.trim(), role, unitCode: unit });
  };

  return (
    <DialogFrame
      open={props.open}
      title={t('admin:create.title')}
      testId="admin-create-dialog"
      error={null}
      busy={props.busy}
      confirmLabel={t('admin:create.confirm')}
      onConfirm={confirm}
      onCancel={props.onCancel}
    >
      <TextField
        label={t('admin:create.badge')}
        value={badge}
        autoFocus
        required
        onChange={(e) => setBadge(e.target.value.replace(/\s/g, ''))}
        onBlur={() => touch('badge')}
        error={Boolean(shown('badge'))}
        helperText={text(shown('badge')) ?? t('admin:create.badgeHint')}
        slotProps={{ htmlInput: { 'data-testid': 'create-badge', inputMode: 'numeric', maxLength: 6, autoComplete: 'off' } }}
      />
      <TextField
        label={t('admin:create.name')}
        value={name}
        required
        onChange={(e) => setName(e.target.value)}
        onBlur={() => touch('name')}
        error={Boolean(shown('name'))}
        helperText={text(shown('name')) ?? t('admin:create.nameHint')}
        slotProps={{ htmlInput: { 'data-testid': 'create-name', maxLength: 32, autoComplete: 'off' } }}
      />
      <RoleSelect label={t('admin:create.role')} value={role} onChange={setRole} testId="create-role" />
      <UnitPicker
        label={t('admin:create.unit')}
        value={unit}
        onChange={(c) => {
          setUnit(c);
          touch('unit');
        }}
        testId="create-unit"
        error={text(shown('unit'))}
      />
      <Alert severity="info" role="note">
        {t('admin:create.note')}
      </Alert>
      {props.error && <AdminErrorAlert error={props.error} action="create" badge={badge} />}
    </DialogFrame>
  );
}
