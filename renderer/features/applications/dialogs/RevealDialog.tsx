import { useTranslation } from 'react-i18next';
import type { Application } from '#shared/domain/items';
import { bridge } from '../../../app/bridge';
import { RevealDialog as RevealFrame } from '../../workspace/RevealDialog';
import type { DialogProps } from '../../workspace/types';

/** Reveal the full ID number: a reason is required, the exchange audits the reveal (so it needs the network). */
export function RevealDialog(props: Readonly<DialogProps<Application>>) {
  const { t } = useTranslation();
  return (
    <RevealFrame
      title={t('applications:dialog.revealTitle')}
      explain={t('applications:dialog.revealExplain')}
      reasonLabel={t('applications:dialog.revealReason')}
      reasonTooShort={t('applications:dialog.revealReasonTooShort')}
      resultLabel={t('applications:dialog.revealResult')}
      error={props.error}
      busy={props.busy}
      onClose={props.onClose}
      reveal={(reason) => props.run(() => bridge()['items.reveal']({ itemId: props.item.id, field: 'idNumber', reason })).then((r) => r?.value)}
    />
  );
}
