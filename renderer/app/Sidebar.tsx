import { List, ListItemButton, ListItemIcon, ListItemText, Divider, Box } from '@mui/material';
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

/** One link per kind the role sees (KINDS_BY_ROLE) plus the sync panel. */
export function Sidebar(props: Readonly<SidebarProps>) {
  const { t } = useTranslation();
  const routes = [...props.kinds.map((k) => ROUTE_OF_KIND[k]), 'sync'];
  return (
    <Box component="nav" sx={{ width: 184, flexShrink: 0, bgcolor: 'background.paper', borderRight: 1, borderColor: 'divider' }}>
      <List dense disablePadding sx={{ pt: 1 }}>
        {routes.map((r, i) => (
          <Box key={r}>
            {r === 'sync' && i > 0 && <Divider sx={{ my: 1 }} />}
            <ListItemButton
              component="a"
              href={`#/${r}`}
              selected={props.route === r}
              data-testid={`nav-${r}`}
              aria-current={props.route === r ? 'page' : undefined}
            >
              <ListItemIcon sx={{ minWidth: 34 }}>{ICON[r]}</ListItemIcon>
              <ListItemText primary={t(`nav.${r}`)} />
            </ListItemButton>
          </Box>
        ))}
      </List>
    </Box>
  );
}
