import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../app/bridge';
import { adminErrorText, type AdminAction } from './errors';

/**
 * A refusal in the administrator's words (errors.ts: by action and code), role=alert, with the
 * code in `data-code` for tests. The exchange's own message is never shown: it is English.
 */
export function AdminErrorAlert(props: Readonly<{ error: BridgeCallError; action: AdminAction; badge?: string | undefined }>) {
  const { t } = useTranslation();
  return (
    <Alert severity="error" role="alert" data-testid="admin-error" data-code={props.error.code}>
      {adminErrorText(t, props.action, props.error, props.badge)}
    </Alert>
  );
}
