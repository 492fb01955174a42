import { Box, Divider, List, ListItemButton, ListItemIcon, ListItemText, Tooltip, useMediaQuery } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RouteDef } from './routes';

export interface SidebarProps {
  routes: readonly RouteDef[];
  active: string;
}

/**
 * The routes the officer's role sees (app/routes.tsx), work first, then the system ones. Below
 * 1600 px it shrinks to icons (names in tooltips and accessible names) so the queue keeps room for
 * all its columns.
 */
export function Sidebar(props: Readonly<SidebarProps>) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width:1600px)');
  return (
    <Box component="nav" aria-label={t('app:nav.label')} sx={{ width: wide ? 176 : 56, flexShrink: 0, bgcolor: 'background.paper', borderRight: 1, borderColor: 'divider' }}>
      <List dense disablePadding sx={{ pt: 1 }}>
        {props.routes.map((r, i) => {
          const selected = props.active === r.id;
          const divider = i > 0 && r.group !== props.routes[i - 1]?.group;
          return (
            <Box key={r.id}>
              {divider && <Divider sx={{ my: 1 }} />}
              <Tooltip title={wide ? '' : t(r.labelKey)} placement="right" enterDelay={500}>
                <ListItemButton
                  component="a"
                  href={`#/${r.id}`}
                  selected={selected}
                  data-testid={`nav-${r.id}`}
                  aria-label={t(r.labelKey)}
                  aria-current={selected ? 'page' : undefined}
                  sx={{ py: 1, justifyContent: wide ? 'flex-start' : 'center' }}
                >
                  <ListItemIcon sx={{ minWidth: wide ? 34 : 0, color: selected ? 'primary.main' : undefined }}>
                    <r.Icon />
                  </ListItemIcon>
                  {wide && <ListItemText primary={t(r.labelKey)} />}
                </ListItemButton>
              </Tooltip>
            </Box>
          );
        })}
      </List>
    </Box>
  );
}
