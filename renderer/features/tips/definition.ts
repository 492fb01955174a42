import { lazy } from 'react';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { Tip, WorkItem } from '#shared/domain/items';
import { formatDateTime } from '../../app/format';
import { i18next, type Language } from '../../app/i18n';
import type { WorkspaceDefinition } from '../workspace/types';
import { TIP_ACTIONS, SHORTCUT } from './actions';
import { tipColumns, tipMapping } from './columns';
import { BulkCloseDialog } from './dialogs/BulkCloseDialog';
import { BulkRouteDialog } from './dialogs/BulkRouteDialog';
import { CloseDialog } from './dialogs/CloseDialog';
import { LinkDialog } from './dialogs/LinkDialog';
import { NotDuplicateDialog } from './dialogs/NotDuplicateDialog';
import { OpenCaseDialog } from './dialogs/OpenCaseDialog';
import { ReplyDialog } from './dialogs/ReplyDialog';
import { RevealReporterDialog } from './dialogs/RevealReporterDialog';
import { RouteDialog } from './dialogs/RouteDialog';
import { TriageDialog } from './dialogs/TriageDialog';
import { TipDetail } from './TipDetail';
import { VIEWS } from './views';

/** The tip's photos in the order they came. */
function photos(all: readonly AttachmentMeta[]): AttachmentMeta[] {
  return all.filter((a) => a.contentType.startsWith('image/'));
}

/** "证据照片 · 11-26 14:03" (when it was taken, as its EXIF says), "Scene photo". */
function photoLabel(a: AttachmentMeta, lang: Language): string {
  const t = i18next.getFixedT(lang);
  const role = t(a.role === 'scene' ? 'tips:photo.scene' : 'tips:photo.evidence');
  return a.takenAt ? `${role} · ${formatDateTime(a.takenAt).slice(5)}` : role;
}

/**
 * The intelligence officer's tip triage (线索研判) as a queue workspace (features/workspace), built
 * like the application and accident reviews: the queue from the cache (most urgent first, so N
 * claims the most urgent tip nobody holds), the review pane with the text and its signal words,
 * the reporter (masked, audited reveal), the possible duplicates side by side, the group and the
 * thread with the reporter, the photos in the viewer, and where tips cluster while none is open.
 * Route and close also work on ticked rows.
 */
export const tipsWorkspace: WorkspaceDefinition<Tip> = {
  kind: 'tip',
  isItem: (item: WorkItem): item is Tip => item.kind === 'tip',
  columns: tipColumns,
  mapping: tipMapping,
  views: VIEWS,
  searchKey: 'tips:search',
  actions: TIP_ACTIONS,
  dialogs: {
    route: RouteDialog,
    triage: TriageDialog,
    link: LinkDialog,
    notDuplicate: NotDuplicateDialog,
    openCase: OpenCaseDialog,
    close: CloseDialog,
    reply: ReplyDialog,
    reveal: RevealReporterDialog,
  },
  bulk: [
    { id: 'route', labelKey: 'tips:bulk.route', testId: 'bulk-route', shortcut: SHORTCUT.route, Dialog: BulkRouteDialog },
    { id: 'close', labelKey: 'tips:bulk.close', testId: 'bulk-close', shortcut: SHORTCUT.close, Dialog: BulkCloseDialog },
  ],
  Detail: TipDetail,
  // a chart (recharts) loaded after the queue, so it is not in the start-up bundle
  Overview: lazy(() => import('./ClusterOverview').then((m) => ({ default: m.ClusterOverview }))),
  // the queue keeps about 870 px for its ten columns and the tick column (columns.tsx); the pane the rest
  paneWidth: 'clamp(420px, calc(100vw - 946px), 860px)',
  attachments: {
    titleKey: 'tips:section.photos',
    select: photos,
    label: photoLabel,
    fit: 'contain',
    tools: { rotate: true, fullScreen: true },
    viewerShare: 30,
    noneKey: 'tips:photo.none',
  },
};
