import { List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ItemRow } from '#shared/contract/bridge';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { serviceName } from '../../app/i18n/names';
import { localUnitName } from '../../app/i18n/units';
import { lateness } from './figures';
import { Note } from './Section';

/** Rows drawn at most; the rest are counted (the queue's overdue view has them all). */
export const OVERDUE_SHOWN = 100;

/**
 * The overdue applications still open, earliest deadline first; each a button (Tab, Enter) that
 * opens the item in the application review. Test ids `overdue-count`, `overdue-item-<id>`.
 */
export function OverdueList(props: Readonly<{ rows: readonly ItemRow[]; truncated: boolean; nowMs: number; onOpen: (id: string) => void }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const shown = props.rows.slice(0, OVERDUE_SHOWN);
  if (props.rows.length === 0) return <Note testId="overdue-empty">{t('dashboard:overdue.empty')}</Note>;
  return (
    <>
      <Typography variant="body2" color="text.secondary" data-testid="overdue-count" data-count={props.rows.length}>
        {t('dashboard:overdue.count', { count: props.rows.length })}
        {props.truncated ? '+' : ''}
      </Typography>
      <List dense disablePadding sx={{ maxHeight: 340, overflowY: 'auto', mt: 0.5 }} aria-label={t('dashboard:overdue.title')}>
        {shown.map((r) => {
          const late = r.dueAt ? lateness(r.dueAt, props.nowMs) : null;
          return (
            <ListItemButton key={r.id} data-testid={`overdue-item-${r.id}`} onClick={() => props.onOpen(r.id)} aria-label={t('dashboard:overdue.open', { id: r.id })} divider sx={{ py: 0.25 }}>
              <ListItemText
                primary={`${r.id} · ${serviceName(r.label, lang)}`}
                secondary={`${localUnitName(r.unitCode, lang)} · ${formatDateTime(r.dueAt)}`}
                slotProps={{ primary: { noWrap: true, variant: 'body2' }, secondary: { noWrap: true } }}
              />
              {late && (
                <Typography variant="body2" color="error" sx={{ whiteSpace: 'nowrap', ml: 1 }}>
                  {t('dashboard:overdue.late', { time: t(`dashboard:overdue.${late.unit}`, { count: late.count }) })}
                </Typography>
              )}
            </ListItemButton>
          );
        })}
      </List>
      {props.rows.length > shown.length && <Note>{t('dashboard:overdue.more', { count: props.rows.length - shown.length })}</Note>}
    </>
  );
}
