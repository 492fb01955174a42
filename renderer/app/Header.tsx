import { AppBar, Badge, Box, Button, Chip, MenuItem, Select, Toolbar, Tooltip, Typography } from '@mui/material';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import SyncIcon from '@mui/icons-material/Sync';
import LogoutIcon from '@mui/icons-material/Logout';
import OutboxIcon from '@mui/icons-material/Outbox';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from './i18n';

export type SyncState = 'online' | 'offline' | 'syncing';

export interface HeaderProps {
  officerName: string;
  badge: string;
  unitName: string;
  syncState: SyncState;
  pending: number;
  conflicts: number;
  language: Language;
  onLanguage: (lang: Language) => void;
  onLogout: () => void;
  onOpenSync: () => void;
}

const SYNC_CHIP = {
  online: { color: 'success', icon: <CloudDoneIcon /> },
  offline: { color: 'default', icon: <CloudOffIcon /> },
  syncing: { color: 'info', icon: <SyncIcon /> },
} as const;

export function Header(props: Readonly<HeaderProps>) {
  const { t } = useTranslation();
  const chip = SYNC_CHIP[props.syncState];
  return (
    <AppBar position="static" elevation={0} color="primary">
      <Toolbar variant="dense" sx={{ gap: 1.5 }}>
        <Typography variant="subtitle1" component="h1" noWrap sx={{ fontWeight: 700, flexGrow: 1, minWidth: 0 }}>
          {t('app:title')}
        </Typography>
        <Chip
          data-testid="sync-state"
          label={t(`app:header.${props.syncState}`)}
          icon={chip.icon}
          color={chip.color}
          sx={{ bgcolor: props.syncState === 'offline' ? '#fff3e0' : undefined, fontWeight: 600 }}
        />
        <Tooltip title={t('app:header.pendingTip')}>
          <Button color="inherit" onClick={props.onOpenSync} startIcon={<OutboxIcon />} aria-label={t('app:header.pendingLabel')} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
            {t('app:header.pendingLabel')}&nbsp;
            <Box component="span" data-testid="pending-count" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {props.pending}
            </Box>
          </Button>
        </Tooltip>
        {props.conflicts > 0 && (
          <Badge badgeContent={props.conflicts} color="error">
            <Button color="inherit" variant="outlined" onClick={props.onOpenSync} sx={{ whiteSpace: 'nowrap' }}>
              {t('app:header.conflictsLabel')}
            </Button>
          </Badge>
        )}
        <Box sx={{ textAlign: 'right', lineHeight: 1.2, px: 1, flexShrink: 0 }}>
          <Typography variant="body2" data-testid="officer-name" sx={{ fontWeight: 600 }}>
            {props.officerName}
          </Typography>
          <Typography variant="caption" data-testid="officer-unit" sx={{ opacity: 0.85, whiteSpace: 'nowrap' }}>
            {props.unitName} · {props.badge}
          </Typography>
        </Box>
        <Select
          size="small"
          value={props.language}
          onChange={(e) => props.onLanguage(e.target.value as Language)}
          data-testid="lang-switch"
          inputProps={{ 'aria-label': t('app:header.language') }}
          sx={{ color: 'inherit', bgcolor: 'rgba(255,255,255,0.12)', '.MuiSelect-icon': { color: 'inherit' }, minWidth: 96 }}
        >
          {LANGUAGES.map((l) => (
            <MenuItem key={l} value={l}>
              {t(`app:lang.${l}`)}
            </MenuItem>
          ))}
        </Select>
        <Button color="inherit" variant="outlined" startIcon={<LogoutIcon />} onClick={props.onLogout} data-testid="logout" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
          {t('app:header.logout')}
        </Button>
      </Toolbar>
    </AppBar>
  );
}
