import { useState } from 'react';
import { Box, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tip } from '#shared/domain/items';
import { canApply } from '#shared/domain/status';
import { checkAction } from '#shared/rules/commands';
import { formatDateTime } from '../../app/format';
import { useNotify } from '../../app/notify';
import { useSession } from '../../app/session';
import { holdsLiveClaim, refusalText } from '../workspace/actionState';
import { claimThen } from '../workspace/claimThen';
import { ACTION_TEST_ID, SHORTCUT } from './actions';
import { HighlightedText } from './HighlightedText';
import { matchWords } from './matters';
import { candidateReasonText, scorePercent } from './reasons';
import type { CandidateView } from './useTipRelations';
import { currentLanguage } from '../../app/i18n';

export interface CandidatesPanelProps {
  readonly tip: Tip;
  readonly candidates: readonly CandidateView[];
  readonly loaded: boolean;
  readonly canAction: (id: string) => boolean;
  readonly onAction: (id: string, param?: string) => void;
}

/**
 * The possible duplicates side by side with the open tip: for each, why it was proposed (the
 * matched keys and values, marked in both texts) and its score, then what to do — link it (the
 * newer report follows the older one's group) or record "not a duplicate" (on the open tip, so
 * the pair is not proposed again). Opened from the cache; one outside it says so.
 */
export function CandidatesPanel(props: Readonly<CandidatesPanelProps>) {
  const { t } = useTranslation();
  if (props.candidates.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="candidates-none">
        {props.loaded ? t('tips:candidates.none') : t('workspace:pane.loading')}
      </Typography>
    );
  }
  return (
    <Stack spacing={1} data-testid="candidates">
      {props.candidates.map((c) => (
        <CandidateCard key={c.id} {...props} candidate={c} />
      ))}
    </Stack>
  );
}

function CandidateCard(props: Readonly<CandidatesPanelProps & { candidate: CandidateView }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { tip, candidate: c } = props;
  const values = matchWords(c.reasons, tip.data.category);
  return (
    <Box sx={{ border: 1, borderColor: c.linked ? 'success.light' : 'divider', borderRadius: 1, p: 0.75 }} data-testid={`candidate-${c.id}`} data-direction={c.direction} data-linked={c.linked ? 'true' : 'false'}>
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5, mb: 0.5 }}>
        <Typography variant="subtitle2" component="h4" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {c.id}
        </Typography>
        <Chip size="small" label={t('tips:candidates.score', { score: scorePercent(c.score) })} color={c.score >= 0.7 ? 'warning' : 'default'} data-testid="candidate-score" sx={{ height: 20 }} />
        <Typography variant="caption" color="text.secondary">
          {t(c.direction === 'proposed' ? 'tips:candidates.earlier' : 'tips:candidates.later')}
          {c.tip && ` · ${formatDateTime(c.tip.submittedAt)} · ${t(`domain:status.tip.${c.tip.status}`)}`}
        </Typography>
        {c.linked && <Chip size="small" color="success" variant="outlined" label={t('tips:candidates.linked')} data-testid="candidate-linked" sx={{ height: 20 }} />}
      </Stack>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mb: 0.5 }} data-testid="candidate-reasons">
        {c.reasons.map((r, i) => (
          <Chip key={i} size="small" variant="outlined" color="info" label={candidateReasonText(r, t, lang)} data-code={r.code} sx={{ height: 20, maxWidth: '100%' }} />
        ))}
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 0.75 }} data-testid="candidate-side-by-side">
        <Box sx={{ bgcolor: '#f6f8fb', borderRadius: 1, p: 0.5, minWidth: 0 }}>
          <Typography variant="caption" color="text.secondary" component="div">
            {t('tips:candidates.thisTip')}
          </Typography>
          <Typography variant="body2" component="div">
            <HighlightedText text={tip.data.content} category={tip.data.category} matches={values} />
          </Typography>
        </Box>
        <Box sx={{ bgcolor: '#f6f8fb', borderRadius: 1, p: 0.5, minWidth: 0 }}>
          <Typography variant="caption" color="text.secondary" component="div">
            {c.tip?.data.location?.address ?? t('tips:candidates.otherTip')}
          </Typography>
          {c.tip ? (
            <Typography variant="body2" component="div">
              <HighlightedText text={c.tip.data.content} category={c.tip.data.category} matches={values} testId="candidate-content" />
            </Typography>
          ) : (
            <Typography variant="body2" color="text.secondary" data-testid="candidate-outside">
              {t('tips:candidates.outside')}
            </Typography>
          )}
        </Box>
      </Box>
      {!c.linked && (
        <Stack direction="row" spacing={0.75} sx={{ mt: 0.75, flexWrap: 'wrap', rowGap: 0.5 }}>
          {c.direction === 'proposed' ? (
            <Button size="small" variant="outlined" disabled={!props.canAction('link') || !c.tip} onClick={() => props.onAction('link', c.id)} data-testid={`${ACTION_TEST_ID.link}-${c.id}`} sx={{ whiteSpace: 'nowrap' }}>
              {t('workspace:action.withKey', { label: t('tips:candidates.linkThis'), key: SHORTCUT.link })}
            </Button>
          ) : (
            c.tip && <LinkIntoThis tip={tip} other={c.tip} />
          )}
          <Button size="small" disabled={!props.canAction('notDuplicate')} onClick={() => props.onAction('notDuplicate', c.id)} data-testid={`${ACTION_TEST_ID.notDuplicate}-${c.id}`} sx={{ whiteSpace: 'nowrap' }}>
            {t('workspace:action.withKey', { label: t('tips:action.notDuplicate'), key: SHORTCUT.notDuplicate })}
          </Button>
        </Stack>
      )}
    </Box>
  );
}

/**
 * The newer report names the open tip: it joins the open tip's group. That is a command on the
 * other tip, so it is claimed first (workspace/claimThen.ts); whether that is possible is the
 * command core's check on it, worded like a button's refusal.
 */
function LinkIntoThis(props: Readonly<{ tip: Tip; other: Tip }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const notify = useNotify();
  const { session } = useSession();
  const officer = session.officer;
  const [busy, setBusy] = useState(false);
  const now = new Date();
  const { other } = props;
  const claimRefusal = holdsLiveClaim(other, officer.badge, now) ? null : checkAction(other, 'claim', { officer, now });
  const detail = { item: other, rev: 0, claimedByName: null, attachments: [], pending: [], conflicts: [] };
  const reason = claimRefusal
    ? refusalText({}, claimRefusal, 'claim', { item: other, detail, officer, t, lang })
    : !canApply(other, 'link_duplicate')
      ? t('workspace:reason.status', { status: t(`domain:status.tip.${other.status}`) })
      : null;
  const link = () => {
    setBusy(true);
    void claimThen(other.id, () => ({ type: 'link_duplicate', body: { duplicateOf: props.tip.id } }), officer)
      .then((r) => {
        if (r.ok) notify.success(t('tips:candidates.linkedInto', { id: other.id, primary: props.tip.id }));
        else notify.info(refusalText({}, r.refusal, r.action, { item: r.item ?? other, detail: { ...detail, item: r.item ?? other }, officer, t, lang }));
      })
      .finally(() => setBusy(false));
  };
  return (
    <Tooltip title={reason ?? t('tips:candidates.linkIntoHint', { id: other.id })}>
      <span>
        <Button size="small" variant="outlined" disabled={busy || reason !== null} onClick={link} data-testid={`${ACTION_TEST_ID.link}-into-${other.id}`} data-reason={reason ?? undefined} sx={{ whiteSpace: 'nowrap' }}>
          {t('tips:candidates.linkInto')}
        </Button>
      </span>
    </Tooltip>
  );
}
