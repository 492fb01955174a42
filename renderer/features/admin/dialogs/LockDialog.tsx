import { useState } from 'react';
import { TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AdminOfficer } from '#shared/contract/api';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from '../../workspace/DialogFrame';
import { AdminErrorAlert } from '../AdminErrorAlert';
import { reasonOk } from '../form';

export interface LockDialogProps {
  readonly mode: 'lock' | 'unlock';
  readonly officer: AdminOfficer;
  readonly busy: boolean;
  readonly error: BridgeCallError | null;
  readonly onCancel: () => void;
  /** The reason trimmed; undefined for an unlock without one. */
  readonly onConfirm: (reason: string | undefined) => void;
}

/**
 * 锁定 / 解锁 with a reason for the audit log: required to lock (2–200 characters), optional to
 * unlock (but 2–200 when given), as the contract's schemas have it.
 */
export function LockDialog(props: Readonly<LockDialogProps>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const lock = props.mode === 'lock';
  const trimmed = reason.trim();
  const ok = lock ? reasonOk(trimmed) : trimmed === '' || reasonOk(trimmed);
  const o = props.officer;
  return (
    <DialogFrame
      open
      title={t(lock ? 'admin:lock.title' : 'admin:lock.titleUnlock')}
      testId={lock ? 'admin-lock-dialog' : 'admin-unlock-dialog'}
      error={null}
      busy={props.busy}
      confirmLabel={t(lock ? 'admin:lock.confirm' : 'admin:lock.confirmUnlock')}
      confirmColor={lock ? 'error' : 'primary'}
      onConfirm={() => {
        setTried(true);
        if (ok) props.onConfirm(trimmed === '' ? undefined : trimmed);
      }}
      onCancel={props.onCancel}
    >
      <Typography variant="body2">{t(lock ? 'admin:lock.body' : 'admin:lock.bodyUnlock', { name: o.name, badge: o.badge })}</Typography>
      <TextField
        label={t(lock ? 'admin:lock.reason' : 'admin:lock.reasonOptional')}
        value={reason}
        autoFocus
        required={lock}
        onChange={(e) => setReason(e.target.value)}
        error={tried && !ok}
        helperText={tried && !ok ? t('admin:lock.problem') : t('admin:lock.reasonHint')}
        slotProps={{ htmlInput: { 'data-testid': 'lock-reason', maxLength: 200, autoComplete: 'off' } }}
      />
      {props.error && <AdminErrorAlert error={props.error} action={props.mode} badge={o.badge} />}
    </DialogFrame>
  );
}
