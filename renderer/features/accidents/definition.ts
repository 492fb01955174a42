import type { AttachmentMeta } from '#shared/domain/attachments';
import type { AccidentCase, WorkItem } from '#shared/domain/items';
import { i18next, type Language } from '../../app/i18n';
import type { WorkspaceDefinition } from '../workspace/types';
import { AccidentDetail } from './AccidentDetail';
import { ACCIDENT_ACTIONS } from './actions';
import { accidentColumns, accidentMapping } from './columns';
import { CloseDialog } from './dialogs/CloseDialog';
import { DetermineDialog } from './dialogs/DetermineDialog';
import { ReferDialog } from './dialogs/ReferDialog';
import { ReturnPhotosDialog } from './dialogs/ReturnPhotosDialog';
import { RevealPartyDialog } from './dialogs/RevealPartyDialog';
import { PhotoCaption } from './PhotoCaption';
import { attachmentName, viewerOrder } from './photos';
import { accidentReasonText } from './reasons';
import { VIEWS } from './views';

/**
 * The traffic officer's minor-accident review (快处快赔) as a queue workspace (features/workspace),
 * built like the application review: the queue from the cache (oldest first, so N claims the
 * oldest case to decide), the review pane with the photo checklist, forensics findings, proposed
 * liability and the parties, and the photo viewer (fit whole, zoom, pan, rotate, side by side,
 * full screen). A wider pane than the applications': the photos are the evidence.
 */
export const accidentsWorkspace: WorkspaceDefinition<AccidentCase> = {
  kind: 'accident',
  isItem: (item: WorkItem): item is AccidentCase => item.kind === 'accident',
  columns: accidentColumns,
  mapping: accidentMapping,
  views: VIEWS,
  searchKey: 'accidents:search',
  actions: ACCIDENT_ACTIONS,
  dialogs: { determine: DetermineDialog, photos: ReturnPhotosDialog, refer: ReferDialog, close: CloseDialog, reveal: RevealPartyDialog },
  Detail: AccidentDetail,
  // the queue keeps about 850 px for its ten columns (columns.tsx); the pane gets the rest, the photos being the evidence
  paneWidth: 'clamp(440px, calc(100vw - 926px), 960px)',
  attachments: {
    titleKey: 'accidents:section.viewer',
    select: (all: readonly AttachmentMeta[]) => viewerOrder(all),
    label: (a: AttachmentMeta, lang: Language) => attachmentName(a, i18next.getFixedT(lang)),
    fit: 'contain',
    tools: { rotate: true, compare: true, fullScreen: true },
    viewerShare: 42,
    Caption: PhotoCaption,
    marked: (a, item) => item.data.findings.some((f) => f.sha256 === a.sha256),
  },
  reasonText: accidentReasonText,
};
