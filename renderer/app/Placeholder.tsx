import { Box, Paper, Typography } from '@mui/material';
import ConstructionIcon from '@mui/icons-material/Construction';
import { useTranslation } from 'react-i18next';

/** A workspace that comes later (accidents, tips): its route exists so roles see where it will be. */
export function Placeholder(props: Readonly<{ titleKey: string; testId: string }>) {
  const { t } = useTranslation();
  return (
    <Box sx={{ p: 4 }} data-testid={props.testId}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 560, textAlign: 'center' }}>
        <ConstructionIcon color="action" sx={{ fontSize: 48 }} />
        <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
          {t(props.titleKey)}
        </Typography>
        <Typography variant="h5" sx={{ my: 1 }}>
          {t('app:comingLater')}
        </Typography>
        <Typography color="text.secondary">{t('app:comingLaterDetail')}</Typography>
      </Paper>
    </Box>
  );
}
