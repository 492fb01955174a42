import { Alert, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { RejectionCodeSchema } from '#shared/errors';
import type { BridgeCallError } from './bridge';
import { currentLanguage } from './i18n';

/**
 * A bridge error as the officer reads it: the code's text, and for a command's refusal in Chinese
 * also the core's own message, which names what is wrong ("材料“居民身份证”缺少扫描件…"). The
 * message is shown, never matched on; other codes' messages are technical and stay in the log.
 */
export function ErrorAlert(props: Readonly<{ error: BridgeCallError }>) {
  const { t } = useTranslation();
  const { code, message } = props.error;
  const detail = currentLanguage() === 'zh-CN' && RejectionCodeSchema.safeParse(code).success && message !== code && message.trim() !== '' ? message : null;
  return (
    <Alert severity="error" role="alert">
      {t(`errors:${code}`)}
      {detail && (
        <Typography variant="body2" data-testid="error-detail" sx={{ mt: 0.5 }}>
          {detail}
        </Typography>
      )}
    </Alert>
  );
}
