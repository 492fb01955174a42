import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { useTipRelations } from '../useTipRelations';
import { CandidateChoice, chosenId, OTHER } from './CandidateChoice';

/**
 * Link the open tip as a duplicate of an earlier one (a candidate it names, or a tip typed by id):
 * it then follows that tip's group — the core links to the group's primary, and the tip mirrors
 * where the primary is routed, its case and its closure; its reporter hears the outcome too.
 */
export function LinkDialog(props: Readonly<DialogProps<Tip>>) {
  const { t } = useTranslation();
  const relations = useTipRelations(props.item);
  const linkable = relations.candidates.filter((c) => c.direction === 'proposed' && !c.linked);
  const [choice, setChoice] = useState(props.param ?? '');
  const [typed, setTyped] = useState('');
  // once the candidates are read, the asked-for one or the best is chosen
  useEffect(() => {
    if (choice === '' && relations.loaded) setChoice(linkable[0]?.id ?? OTHER);
  }, [choice, relations.loaded, linkable]);
  const target = chosenId(choice, typed);
  return (
    <DialogFrame
      open
      title={t('tips:dialog.linkTitle')}
      testId="link-dialog"
      error={props.error}
      busy={props.busy}
      confirmDisabled={target === null || target === props.item.id}
      confirmLabel={t('tips:action.link')}
      onCancel={props.onClose}
      onConfirm={() => target && props.onCommand({ type: 'link_duplicate', body: { duplicateOf: target } })}
    >
      <CandidateChoice candidates={linkable} choice={choice} typed={typed} onChoice={setChoice} onTyped={setTyped} label={t('tips:dialog.linkTitle')} />
      <Alert severity="info" role="note">
        {t('tips:link.explain')}
      </Alert>
    </DialogFrame>
  );
}
