import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import LocalPoliceIcon from '@mui/icons-material/LocalPolice';
import { useTranslation } from 'react-i18next';
import type { BridgeCallError } from '../../app/bridge';

export interface LoginFormProps {
  badge: string;
  password: string;
  error: BridgeCallError | null;
  /** The badge is not 6 digits (checked before calling the bridge). */
  badgeFormatError: boolean;
  busy: boolean;
  demo: boolean;
  offline: boolean;
  onBadge: (v: string) => void;
  onPassword: (v: string) => void;
  onSubmit: () => void;
}

export function LoginForm(props: Readonly<LoginFormProps>) {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg, #14345f 0%, #1d4f91 55%, #e9eef5 55%)' }}>
      <Paper
        component="form"
        elevation={6}
        sx={{ p: 4, width: 400 }}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
        noValidate
      >
        <Stack spacing={2}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <LocalPoliceIcon color="primary" sx={{ fontSize: 40 }} />
            <Box>
              <Typography variant="h6" component="h1" sx={{ fontWeight: 700 }}>
                {t('auth:title')}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('auth:subtitle')}
              </Typography>
            </Box>
          </Stack>
          {props.offline && <Alert severity="warning" role="status">{t('auth:offlineNotice')}</Alert>}
          <TextField
            label={t('auth:badge')}
            value={props.badge}
            onChange={(e) => props.onBadge(e.target.value)}
            autoFocus
            autoComplete="username"
            slotProps={{ htmlInput: { 'data-testid': 'login-badge', inputMode: 'numeric', maxLength: 6 } }}
          />
          <TextField
            label={t('auth:password')}
            type="password"
            value={props.password}
            onChange={(e) => props.onPassword(e.target.value)}
            autoComplete="current-password"
            slotProps={{ htmlInput: { 'data-testid': 'login-password' } }}
          />
          {(props.error || props.badgeFormatError) && (
            <Alert severity="error" role="alert">
              {props.badgeFormatError ? t('auth:badgeFormat') : t(`errors:${props.error?.code ?? 'invalid'}`)}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large" disabled={props.busy} data-testid="login-submit">
            {props.busy ? t('auth:submitting') : t('auth:submit')}
          </Button>
          {props.demo && (
            <Alert severity="info" icon={false} role="note" data-testid="login-demo-hint">
              {t('auth:demoHint')}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}
