import { useTranslation } from 'react-i18next';
import { ShortcutSection, ShortcutsDialog, type ShortcutRow } from '../workspace/ShortcutsOverlay';
import { HALL_KEYS } from './keys';

type Row = ShortcutRow;

/** The `?` overlay of the hall window, listed from the same key table the page reads (keys.ts). */
export function HallShortcuts(props: Readonly<{ open: boolean; onClose: () => void }>) {
  const { t } = useTranslation();
  const list: Row[] = [
    [['↑', '↓'], t('hall:shortcuts.move')],
    [['1', '2', '3'], t('hall:shortcuts.section')],
    [[HALL_KEYS.search], t('hall:shortcuts.search')],
    [[HALL_KEYS.help], t('hall:shortcuts.help')],
  ];
  const appointment: Row[] = [
    [[HALL_KEYS.check_in], t('hall:action.check_in')],
    [[HALL_KEYS.serve], t('hall:action.serve')],
    [[HALL_KEYS.no_show], t('hall:action.no_show')],
  ];
  const pickup: Row[] = [
    [[HALL_KEYS.hand_over], `${t('hall:window.title')} · ${t('hall:action.hand_over')}`],
    [[HALL_KEYS.dispatch], `${t('hall:ems.title')} · ${t('hall:action.dispatch')}`],
  ];
  const dialog: Row[] = [
    [['Enter'], t('hall:shortcuts.confirm')],
    [['Esc'], t('hall:shortcuts.cancel')],
  ];
  return (
    <ShortcutsDialog
      open={props.open}
      onClose={props.onClose}
      title={t('hall:shortcuts.title')}
      helpKey={HALL_KEYS.help}
      left={<ShortcutSection title={t('hall:shortcuts.list')} rows={list} />}
      right={
        <>
          <ShortcutSection title={t('hall:shortcuts.appointment')} rows={appointment} />
          <ShortcutSection title={t('hall:shortcuts.pickup')} rows={pickup} />
          <ShortcutSection title={t('hall:shortcuts.dialog')} rows={dialog} />
        </>
      }
    />
  );
}
