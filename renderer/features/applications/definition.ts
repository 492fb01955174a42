import { lazy } from 'react';
import type { Application, WorkItem } from '#shared/domain/items';
import type { AttachmentMeta } from '#shared/domain/attachments';
import { materialName } from '../../app/i18n/names';
import type { Language } from '../../app/i18n';
import type { WorkspaceDefinition } from '../workspace/types';
import { APPLICATION_ACTIONS } from './actions';
import { applicationReasonEn } from './reasons';
import { applicationColumns, applicationMapping } from './columns';
import { ApplicationDetail } from './ApplicationDetail';
import { ApproveDialog } from './dialogs/ApproveDialog';
import { HandoverDialog } from './dialogs/HandoverDialog';
import { RejectDialog } from './dialogs/RejectDialog';
import { RevealDialog } from './dialogs/RevealDialog';
import { SupplementDialog } from './dialogs/SupplementDialog';
import { VIEWS } from './views';

const MATERIAL_ROLE = 'material:';

/** The online-application review as a queue workspace (features/workspace). */
export const applicationsWorkspace: WorkspaceDefinition<Application> = {
  kind: 'application',
  isItem: (item: WorkItem): item is Application => item.kind === 'application',
  columns: applicationColumns,
  mapping: applicationMapping,
  views: VIEWS,
  searchKey: 'applications:search',
  actions: APPLICATION_ACTIONS,
  dialogs: { approve: ApproveDialog, reject: RejectDialog, supplement: SupplementDialog, handover: HandoverDialog, reveal: RevealDialog },
  Detail: ApplicationDetail,
  attachments: {
    titleKey: 'applications:review.attachments',
    select: (all: readonly AttachmentMeta[]) => all.filter((a) => a.role.startsWith(MATERIAL_ROLE)),
    label: (a: AttachmentMeta, lang: Language) => materialName(a.role.slice(MATERIAL_ROLE.length), lang),
  },
  // a chart (recharts) loaded after the queue, so it is not in the start-up bundle
  Overview: lazy(() => import('./DeadlineOverview').then((m) => ({ default: m.DeadlineOverview }))),
  reasonEn: applicationReasonEn,
};
