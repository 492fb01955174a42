import { useState } from 'react';
import { Alert, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AdminOfficer } from '#shared/contract/api';
import type { Role } from '#shared/domain/officers';
import type { BridgeCallError } from '../../../app/bridge';
import { currentLanguage } from '../../../app/i18n';
import { localUnitName } from '../../../app/i18n/units';
import { DialogFrame } from '../../workspace/DialogFrame';
import { AdminErrorAlert } from '../AdminErrorAlert';
import { reasonOk, unitProblem } from '../form';
import { RoleSelect } from '../RoleSelect';
import { UnitPicker } from '../UnitPicker';

export interface Assignment {
  readonly role?: Role;
  readonly unitCode?: string;
  readonly reason: string;
}

export interface AssignDialogProps {
  readonly officer: AdminOfficer;
  readonly busy: boolean;
  readonly error: BridgeCallError | null;
  readonly onCancel: () => void;
  readonly onConfirm: (a: Assignment) => void;
}

/**
 * 调整岗位/单位: the new role and unit, pre-filled with the current ones, and a reason for the audit
 * log (the console asks for one, though the contract allows none: a move between units is what an
 * audit is read for). Only what changed is sent; nothing changed cannot be confirmed. It says what
 * follows: the officer's sessions end and their console re-syncs the new scope at the next login.
 */
export function AssignDialog(props: Readonly<AssignDialogProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const o = props.officer;
  const [role, setRole] = useState<Role>(o.role);
  const [unit, setUnit] = useState<string | null>(o.unitCode);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const unchanged = role === o.role && unit === o.unitCode;
  const unitError = unitProblem(unit);
  const trimmed = reason.trim();
  const ok = !unchanged && unitError === null && reasonOk(trimmed);
  return (
    <DialogFrame
      open
      title={t('admin:assign.title')}
      testId="admin-assign-dialog"
      error={null}
      busy={props.busy}
      confirmLabel={t('admin:assign.confirm')}
      confirmDisabled={unchanged}
      onConfirm={() => {
        setTried(true);
        if (ok && unit !== null) props.onConfirm({ ...(role !== o.role ? { role } : {}), ...(unit !== o.unitCode ? { unitCode: unit } : {}), reason: trimmed });
      }}
      onCancel={props.onCancel}
    >
      <Typography variant="body2" data-testid="assign-current">
        {t('admin:assign.current', { name: o.name, badge: o.badge, role: t(`admin:role.${o.role}`), unit: localUnitName(o.unitCode, lang) })}
      </Typography>
      <RoleSelect label={t('admin:assign.role')} value={role} onChange={setRole} testId="assign-role" />
      <UnitPicker label={t('admin:assign.unit')} value={unit} onChange={setUnit} testId="assign-unit" error={tried && unitError ? t(unitError) : null} />
      <TextField
        label={t('admin:assign.reason')}
        value={reason}
        required
        onChange={(e) => setReason(e.target.value)}
        error={tried && !reasonOk(trimmed)}
        helperText={tried && !reasonOk(trimmed) ? t('admin:assign.problem') : t('admin:assign.reasonHint')}
        slotProps={{ htmlInput: { 'data-testid': 'assign-reason', maxLength: 200, autoComplete: 'off' } }}
      />
      {unchanged ? (
        <Typography variant="body2" color="text.secondary" role="status" data-testid="assign-unchanged">
          {t('admin:assign.unchanged')}
        </Typography>
      ) : (
        <Alert severity="warning" role="note">
          {t('admin:assign.note')}
        </Alert>
      )}
      {props.error && <AdminErrorAlert error={props.error} action="assign" badge={o.badge} />}
    </DialogFrame>
  );
}
