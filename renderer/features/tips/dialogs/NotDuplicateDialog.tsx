import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { useTipRelations } from '../useTipRelations';
import { CandidateChoice, chosenId, OTHER } from './CandidateChoice';

/** Record that a proposed tip is not a duplicate of the open one (kept on the open tip, so the pair is not proposed again). */
export function NotDuplicateDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const relations = useTipRelations(props.item);
  const open = relations.candidates.filter((c) => !c.linked);
  const [choice, setChoice] = useState(props.param ?? '');
  const [typed, setTyped] = useState('');
  useEffect(() => {
    if (choice === '' && relations.loaded) setChoice(open[0]?.id ?? OTHER);
  }, [choice, relations.loaded, open]);
  const target = chosenId(choice, typed);
  return (
    <DialogFrame
      open
      title={t('tips:dialog.notDuplicateTitle')}
      testId="not-duplicate-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={target === null || target === props.item.id}
      confirmLabel={t('tips:action.notDuplicate')}
      onCancel={props.onClose}
      onConfirm={() => target && props.onCommand({ type: 'not_duplicate', body: { of: target } })}
    >
      <CandidateChoice candidates={open} choice={choice} typed={typed} onChoice={setChoice} onTyped={setTyped} label={t('tips:dialog.notDuplicateTitle')} />
      <Alert severity="info" role="note">
        {t('tips:notDuplicate.explain')}
      </Alert>
    </DialogFrame>
  );
}
