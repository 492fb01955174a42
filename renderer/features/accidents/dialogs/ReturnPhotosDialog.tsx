import { useState } from 'react';
import { Alert, Box, Checkbox, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccidentCase } from '#shared/domain/items';
import { DialogFrame } from '../../workspace/DialogFrame';
import type { DialogProps } from '../../workspace/types';
import { photoChecklist, photoName } from '../photos';
import { RETURN_REASONS, returnNote, type ReturnReason } from '../returnPhotos';

/**
 * Back to the parties for photos, all in one notice: every required photo is listed, the missing
 * ones ticked; a photo that is there but of no use is ticked by giving it a reason (blurry, plate
 * unreadable, wrong angle). Sends `request_supplement` with the photo codes (`plate#1`,
 * `front_side` …) and the notice text. Enter sends it as preset.
 */
export function ReturnPhotosDialog(props: Readonly<DialogProps<AccidentCase>>) {
  const { t, i18n } = useTranslation();
  const entries = photoChecklist(props.item, props.detail.attachments);
  const [reasons, setReasons] = useState<ReadonlyMap<string, ReturnReason>>(() => new Map(entries.filter((e) => !e.present).map((e) => [e.code, 'missing' as const])));
  const [note, setNote] = useState('');
  const set = (code: string, reason: ReturnReason | null) =>
    setReasons((prev) => {
      const next = new Map(prev);
      if (reason) next.set(code, reason);
      else next.delete(code);
      return next;
    });
  const chosen = entries.flatMap((e) => {
    const reason = reasons.get(e.code);
    return reason ? [{ code: e.code, reason }] : [];
  });
  const zh = i18n.getFixedT('zh-CN');
  return (
    <DialogFrame
      open
      title={t('accidents:dialog.photosTitle')}
      testId="photos-dialog"
      error={props.error}
      busy={props.busy}
      confirmLabel={t('accidents:action.photos')}
      confirmDisabled={chosen.length === 0}
      onCancel={props.onClose}
      onConfirm={() => props.onCommand({ type: 'request_supplement', body: { missing: chosen.map((c) => c.code), note: returnNote(chosen, note, zh) } })}
    >
      <Typography variant="body2" color="text.secondary">
        {t('accidents:dialog.photosHint')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr auto', alignItems: 'center', columnGap: 1, rowGap: 0.25 }}>
        {entries.map((e) => {
          const reason = reasons.get(e.code) ?? null;
          return [
            <Checkbox
              key={`${e.code}-check`}
              size="small"
              sx={{ p: 0.5 }}
              checked={reason !== null}
              onChange={(ev) => set(e.code, ev.target.checked ? (e.present ? 'blurry' : 'missing') : null)}
              slotProps={{ input: { 'data-testid': `photos-check-${e.code}`, 'aria-label': photoName(e.code, t) } as object }}
            />,
            <Typography key={`${e.code}-name`} variant="body2">
              {photoName(e.code, t)}
              <Box component="span" sx={{ ml: 1, color: e.present ? 'success.main' : 'error.main', fontSize: 12 }}>
                {e.present ? t('accidents:photo.present') : t('accidents:photo.missing')}
              </Box>
            </Typography>,
            <TextField
              key={`${e.code}-reason`}
              select
              size="small"
              value={reason ?? ''}
              onChange={(ev) => set(e.code, (ev.target.value || null) as ReturnReason | null)}
              sx={{ minWidth: 150, '& .MuiNativeSelect-select': { py: 0.5 } }}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': `photos-reason-${e.code}`, 'aria-label': t('accidents:dialog.photosReasonOf', { photo: photoName(e.code, t) }) } }}
            >
              <option value="">{t('accidents:returnReason.none')}</option>
              {RETURN_REASONS.filter((r) => (e.present ? r !== 'missing' : r === 'missing')).map((r) => (
                <option key={r} value={r}>
                  {t(`accidents:returnReason.${r}`)}
                </option>
              ))}
            </TextField>,
          ];
        })}
      </Box>
      {chosen.length === 0 && (
        <Alert severity="info" role="status">
          {t('accidents:dialog.photosNone')}
        </Alert>
      )}
      <TextField
        label={t('accidents:dialog.photosNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { 'data-testid': 'photos-note', maxLength: 600 } }}
      />
    </DialogFrame>
  );
}
