import { Box, Paper, Typography } from '@mui/material';
import ConstructionIcon from '@mui/icons-material/Construction';
import { useTranslation } from 'react-i18next';

export function Placeholder(props: Readonly<{ title: string; testId: string }>) {
  const { t } = useTranslation();
  return (
    <Box sx={{ p: 4 }} data-testid={props.testId}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 560, textAlign: 'center' }}>
        <ConstructionIcon color="action" sx={{ fontSize: 48 }} />
        <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
          {props.title}
        </Typography>
        <Typography variant="h5" sx={{ my: 1 }}>
          {t('app.comingLater')}
        </Typography>
        <Typography color="text.secondary">{t('app.comingLaterDetail')}</Typography>
      </Paper>
    </Box>
  );
}
