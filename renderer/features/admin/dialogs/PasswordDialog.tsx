import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useTranslation } from 'react-i18next';
import type { AdminOfficer } from '#shared/contract/api';
import { currentLanguage } from '../../../app/i18n';
import { localUnitName } from '../../../app/i18n/units';

export interface PasswordDialogProps {
  readonly kind: 'created' | 'reset';
  readonly officer: AdminOfficer;
  readonly password: string;
  readonly onClose: () => void;
}

/**
 * The generated password, shown once (the exchange keeps only its hash): big, monospaced, with a
 * copy button and the warning that it cannot be seen again. Only the close button closes it — not
 * Esc, not a click beside it — so it is not lost by a stray key. The password lives in this
 * dialog's props only: the page drops it on close; nothing stores, logs or announces it.
 */
export function PasswordDialog(props: Readonly<PasswordDialogProps>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const o = props.officer;
  const onCopy = () => {
    // the web shell is served from 127.0.0.1 (a secure context) and Electron allows it: where
    // neither holds, the officer is told to write it down
    const write = navigator.clipboard?.writeText(props.password);
    if (!write) {
      setCopy('failed');
      return;
    }
    write.then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };
  return (
    <Dialog open maxWidth="sm" fullWidth data-testid="admin-password-dialog" data-kind={props.kind} aria-labelledby="admin-password-title">
      <DialogTitle id="admin-password-title">{t(props.kind === 'created' ? 'admin:password.titleCreated' : 'admin:password.titleReset')}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={1.5}>
          <Typography variant="body2" data-testid="admin-password-who">
            {t('admin:password.who', { name: o.name, badge: o.badge, role: t(`admin:role.${o.role}`), unit: localUnitName(o.unitCode, lang) })}
          </Typography>
          <Alert severity="warning" role="note">
            {t('admin:password.warning')}
          </Alert>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5 }}>
            <Box
              component="output"
              aria-label={t('admin:password.value')}
              data-testid="admin-password-value"
              sx={{
                flex: 1,
                fontFamily: '"DejaVu Sans Mono", Consolas, monospace',
                fontSize: 22,
                letterSpacing: 2,
                px: 1.5,
                py: 1,
                border: 1,
                borderColor: 'divider',
                borderRadius: 1,
                bgcolor: '#f5f7fa',
                userSelect: 'all',
                whiteSpace: 'nowrap',
              }}
            >
              {props.password}
            </Box>
            <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={onCopy} autoFocus data-testid="admin-password-copy" sx={{ whiteSpace: 'nowrap' }}>
              {t('admin:password.copy')}
            </Button>
          </Stack>
          {copy !== 'idle' && (
            <Typography variant="body2" role="status" color={copy === 'copied' ? 'success.main' : 'error'} data-testid="admin-password-copied">
              {t(copy === 'copied' ? 'admin:password.copied' : 'admin:password.copyFailed')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={props.onClose} data-testid="admin-password-close">
          {t('admin:password.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
