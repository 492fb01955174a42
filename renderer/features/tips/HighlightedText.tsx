import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TipCategory } from '#shared/domain/items';
import { currentLanguage } from '../../app/i18n';
import { highlightSegments } from './highlight';
import { urgencyReasonText } from './reasons';

/**
 * A tip's text with the triage's signal words marked (amber, titled with their group: "资金正在转出")
 * and the values a duplicate candidate matched on (blue, underlined), so the officer sees at a
 * glance what made it urgent and what two reports share. Test ids `signal-word`, `match-word`.
 */
export function HighlightedText(props: Readonly<{ text: string; category: TipCategory; matches?: readonly string[]; testId?: string }>) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Box component="p" data-testid={props.testId} sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', lineHeight: 1.6 }}>
      {highlightSegments(props.text, props.category, props.matches).map((s, i) => {
        if (s.kind === 'plain') return <span key={i}>{s.text}</span>;
        if (s.kind === 'signal') {
          return (
            <Box component="mark" key={i} data-testid="signal-word" data-group={s.group} title={urgencyReasonText(`keyword:${s.group}`, t, lang)} sx={{ bgcolor: '#ffe0a3', color: 'inherit', fontWeight: 700, px: 0.25, borderRadius: 0.5 }}>
              {s.text}
            </Box>
          );
        }
        return (
          <Box component="mark" key={i} data-testid="match-word" sx={{ bgcolor: '#dbeafe', color: 'inherit', textDecoration: 'underline', textDecorationColor: '#1d4ed8', px: 0.25, borderRadius: 0.5 }}>
            {s.text}
          </Box>
        );
      })}
    </Box>
  );
}
