import { List, ListItemButton, ListItemIcon, ListItemText, Divider, Box, Tooltip, useMediaQuery } from '@mui/material';
import AssignmentIcon from '@mui/icons-material/Assignment';
import CarCrashIcon from '@mui/icons-material/CarCrash';
import CampaignIcon from '@mui/icons-material/Campaign';
import SyncAltIcon from '@mui/icons-material/SyncAlt';
import { useTranslation } from 'react-i18next';
import type { ItemKind } from '#shared/domain/items';

export const ROUTE_OF_KIND: Readonly<Record<ItemKind, string>> = { application: 'applications', accident: 'accidents', tip: 'tips' };

const ICON: Readonly<Record<string, React.ReactNode>> = {
  applications: <AssignmentIcon />,
  accidents: <CarCrashIcon />,
  tips: <CampaignIcon />,
  sync: <SyncAltIcon />,
};

export interface SidebarProps {
  kinds: readonly ItemKind[];
  route: string;
}

/**
 * One link per kind the role sees (KINDS_BY_ROLE) plus the sync panel. Below 1600 px it shrinks to
 * icons (names in tooltips and accessible names) so the queue keeps room for all its columns.
 */
export function Sidebar(props: Readonly<SidebarProps>) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width:1600px)');
  const routes = [...props.kinds.map((k) => ROUTE_OF_KIND[k]), 'sync'];
  return (
    <Box component="nav" sx={{ width: wide ? 168 : 56, flexShrink: 0, bgcolor: 'background.paper', borderRight: 1, borderColor: 'divider' }}>
      <List dense disablePadding sx={{ pt: 1 }}>
        {routes.map((r, i) => (
          <Box key={r}>
            {r === 'sync' && i > 0 && <Divider sx={{ my: 1 }} />}
            <Tooltip title={wide ? '' : t(`nav.${r}`)} placement="right" enterDelay={500}>
              <ListItemButton
                component="a"
                href={`#/${r}`}
                selected={props.route === r}
                data-testid={`nav-${r}`}
                aria-label={t(`nav.${r}`)}
                aria-current={props.route === r ? 'page' : undefined}
                sx={{ py: 1, justifyContent: wide ? 'flex-start' : 'center' }}
              >
                <ListItemIcon sx={{ minWidth: wide ? 34 : 0, color: props.route === r ? 'primary.main' : undefined }}>{ICON[r]}</ListItemIcon>
                {wide && <ListItemText primary={t(`nav.${r}`)} />}
              </ListItemButton>
            </Tooltip>
          </Box>
        ))}
      </List>
    </Box>
  );
}
