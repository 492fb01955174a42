import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { bridge } from '../../../app/bridge';
import { RevealDialog } from '../../workspace/RevealDialog';
import type { DialogProps } from '../../workspace/types';

/** The reporter's identity in clear: intelligence staff and supervisors only, with a reason, audited on the exchange. */
export function RevealReporterDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  return (
    <RevealDialog
      title={t('tips:dialog.revealTitle')}
      explain={t('tips:dialog.revealExplain')}
      reasonLabel={t('tips:dialog.revealReason')}
      reasonTooShort={t('tips:dialog.revealReasonTooShort')}
      resultLabel={t('tips:dialog.revealResult')}
      error={props.error}
      busy={props.busy}
      onClose={props.onClose}
      reveal={(reason) => props.run(() => bridge()['items.reveal']({ itemId: props.item.id, field: 'reporter', reason })).then((r) => r?.value)}
    />
  );
}
