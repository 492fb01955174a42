import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AdminOfficer } from '#shared/contract/api';
import type { BridgeCallError } from '../../../app/bridge';
import { DialogFrame } from '../../workspace/DialogFrame';
import { AdminErrorAlert } from '../AdminErrorAlert';

/** 重置密码: what it does (old password gone, sessions end), then the new password is shown once. */
export function ResetPasswordDialog(props: Readonly<{ officer: AdminOfficer; busy: boolean; error: BridgeCallError | null; onCancel: () => void; onConfirm: () => void }>) {
  const { t } = useTranslation();
  const o = props.officer;
  return (
    <DialogFrame
      open
      title={t('admin:reset.title')}
      testId="admin-reset-dialog"
      error={null}
      busy={props.busy}
      confirmLabel={t('admin:reset.confirm')}
      confirmColor="error"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <Typography variant="body2">{t('admin:reset.body', { name: o.name, badge: o.badge })}</Typography>
      {props.error && <AdminErrorAlert error={props.error} action="reset" badge={o.badge} />}
    </DialogFrame>
  );
}
