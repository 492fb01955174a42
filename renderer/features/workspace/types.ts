import type { ComponentType } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { ItemDetail, ItemRow, LocalCommand, QueueFilter, QueueView as CoreView } from '#shared/contract/bridge';
import type { AttachmentMeta } from '#shared/domain/attachments';
import type { ItemKind, WorkItem } from '#shared/domain/items';
import type { Officer, Role } from '#shared/domain/officers';
import type { BridgeCallError } from '../../app/bridge';
import type { Language } from '../../app/i18n';
import type { QueueMapping } from './datasource';

/**
 * The queue workspace's API: what a kind supplies to get the grid, saved views, quick search,
 * "next item" (which claims), the review pane with its action bar and shortcuts, the dialogs and
 * the attachment viewer. features/applications is the first; accidents, tips and the hall's
 * appointments plug in the same way:
 *
 *   export const accidentsWorkspace: WorkspaceDefinition<AccidentCase> = {
 *     kind: 'accident', isItem: (i) => i.kind === 'accident', ns: 'accidents',
 *     columns, mapping, views: [open, mine, overdue, supplement, all], searchKey: 'accidents:search',
 *     actions: [...leaseActions, determine, requestPhotos, refer, close],   // each with a shortcut
 *     dialogs: { determine: DetermineDialog, … }, Detail: AccidentDetail,
 *     attachments: { filter: (a) => a.role.startsWith('photo:'), label: photoLabel },
 *   };
 */

/** A command as a dialog or an action sends it; the workspace adds the item's id. */
export type ItemCommand = LocalCommand extends infer C ? (C extends LocalCommand ? Omit<C, 'itemId'> : never) : never;

export interface ViewQuery {
  readonly view: CoreView;
  readonly filters?: readonly QueueFilter[];
}

/** A saved view: a core view plus, where the core has none of its own, fixed filters. */
export interface ViewDef {
  readonly id: string;
  readonly labelKey: string;
  readonly testId: string;
  readonly query: ViewQuery;
  /**
   * A view that depends on the day ("done today"): the query at a time, used instead of `query`.
   * The workspace asks it again each minute and reloads the grid only when the answer changes, so
   * return a value that is stable within the day (the start of today, not `now` itself).
   */
  readonly queryAt?: (now: Date) => ViewQuery;
}

export function viewQueryOf(view: ViewDef, now: Date): ViewQuery {
  return view.queryAt ? view.queryAt(now) : view.query;
}

/**
 * Whether an action can be taken now, and if not why, in the officer's language. `quiet`: the
 * reason is in the button's tooltip only, not listed under the action bar (it says what the pane
 * already shows, e.g. "you hold this claim").
 */
export type ActionState = { readonly enabled: true } | { readonly enabled: false; readonly reason: string | null; readonly quiet?: boolean };

/** What an action's own precondition sees (beyond the command core's checkAction). */
export interface ActionContext<I extends WorkItem> {
  readonly item: I;
  readonly detail: ItemDetail;
  readonly officer: Officer;
  readonly now: Date;
  readonly t: TFunction;
  readonly lang: Language;
}

export interface ActionDef<I extends WorkItem> {
  /** Stable id: the key of `dialogs` for a dialog action, and used in tests. */
  readonly id: string;
  readonly labelKey: string;
  /** One capital letter, unique within the workspace; also listed in the `?` overlay. */
  readonly shortcut: string;
  readonly testId: string;
  readonly tone?: 'primary' | 'danger';
  /**
   * The command core's action (`claim`, `decide:approve`, `take_over` …): the button is enabled
   * only when `checkAction(item, coreAction, {officer, now})` allows it, and otherwise says why.
   */
  readonly coreAction?: string;
  /** A further condition that is not a command rule (e.g. reveal needs an ID number); null = fine. */
  readonly precondition?: (ctx: ActionContext<I>) => string | null;
  /** The precondition's reason only goes in the tooltip (see ActionState `quiet`). */
  readonly quietPrecondition?: boolean;
  /** Only these roles see the action at all (take-over: supervisors). */
  readonly roles?: readonly Role[];
  /** What pressing it does: open the dialog `id`, or send a command straight away. */
  readonly run: { readonly dialog: string } | { readonly command: (item: I) => ItemCommand };
  /** The i18n key of the toast once its command was recorded (defaults to the label). */
  readonly doneKey?: string;
}

export interface DialogProps<I extends WorkItem> {
  readonly item: I;
  readonly detail: ItemDetail;
  readonly busy: boolean;
  readonly error: BridgeCallError | null;
  /** What the action was opened with (e.g. which party's ID number to reveal), if anything. */
  readonly param?: string;
  /** Sends the command; the dialog closes once the core recorded it, else the error shows inside. */
  readonly onCommand: (cmd: ItemCommand) => void;
  /** A dialog's own bridge call (reveal): busy and error are handled like a command's. */
  readonly run: <T>(call: () => Promise<T>) => Promise<T | undefined>;
  readonly onClose: () => void;
}

export interface DetailProps<I extends WorkItem> {
  readonly item: I;
  readonly detail: ItemDetail;
  readonly now: Date;
  /** Opens an action by id (e.g. the reveal icon next to the masked ID number), with an optional parameter for its dialog. */
  readonly onAction: (id: string, param?: string) => void;
  readonly canAction: (id: string) => boolean;
  /** Shows that attachment in the viewer (e.g. a checklist entry of a photo). */
  readonly showAttachment: (sha256: string) => void;
  /** Whether the exchange is reachable (what is not on this PC can be fetched). */
  readonly online: boolean;
  /**
   * Sends a command on the open item from the details themselves (a reply typed under the thread),
   * exactly as an action without a dialog does; `doneKey` names it in the toast.
   */
  readonly onCommand: (cmd: ItemCommand, doneKey: string) => void;
  /** A command on the open item is on its way (controls that send one wait). */
  readonly busy: boolean;
}

/** What a bulk action's dialog gets: the selected rows' ids, in the grid's order. */
export interface BulkDialogProps {
  readonly ids: readonly string[];
  readonly officer: Officer;
  readonly onClose: () => void;
  /** The batch is through: the workspace clears the selection (the dialog may stay to show the outcome). */
  readonly onDone: () => void;
}

/**
 * An action over several selected rows (tips: route or close a batch). The grid offers row
 * checkboxes when a kind has any; with two rows or more selected, the bar over the grid shows them
 * and `shortcut` opens this instead of the open item's action of that letter (the same verb, on
 * the selection). Each item goes through claimThen.ts: claimed if needed, then the command.
 */
export interface BulkActionDef {
  readonly id: string;
  readonly labelKey: string;
  readonly testId: string;
  readonly shortcut?: string;
  readonly Dialog: ComponentType<BulkDialogProps>;
}

/** The attachment viewer's tools beyond zoom and paging; each also has its key (keys.ts). */
export interface ViewerTools {
  /** Rotate by 90° (`,` and `.`). */
  readonly rotate?: boolean;
  /** Two attachments side by side (`M` pins the current one, `[` `]` page the other). */
  readonly compare?: boolean;
  /** The viewer over the whole window (`F`); Esc leaves it. */
  readonly fullScreen?: boolean;
}

export interface AttachmentCaptionProps<I extends WorkItem> {
  readonly attachment: AttachmentMeta;
  readonly item: I;
  readonly detail: ItemDetail;
  readonly online: boolean;
}

export interface AttachmentLabeling<I extends WorkItem = WorkItem> {
  /** Which of the item's attachments the viewer shows, in this order. */
  readonly select: (attachments: readonly AttachmentMeta[]) => AttachmentMeta[];
  readonly label: (a: AttachmentMeta, lang: Language) => string;
  readonly titleKey: string;
  /**
   * How images fit at 100%: `width` (the default: scans read top to bottom, the rest scrolls) or
   * `contain` (photos: the whole picture; zoomed in, it is dragged or panned with Shift+arrows).
   */
  readonly fit?: 'width' | 'contain';
  readonly tools?: ViewerTools;
  /** The viewer's share of the review pane's height, in percent (default 45; the details get the rest). */
  readonly viewerShare?: number;
  /** Shown with the attachment in the viewer (accidents: what forensics noticed about the photo). */
  readonly Caption?: ComponentType<AttachmentCaptionProps<I>>;
  /** A mark on the attachment's tab (e.g. the photo has findings). */
  readonly marked?: (a: AttachmentMeta, item: I) => boolean;
  /** What the viewer says when the item has none (default: no scans). */
  readonly noneKey?: string;
}

export interface WorkspaceDefinition<I extends WorkItem> {
  readonly kind: ItemKind;
  readonly isItem: (item: WorkItem) => item is I;
  readonly columns: (t: TFunction, lang: Language) => ColDef<ItemRow>[];
  /** `lang`: what the grid shows words in (a filter typed as read maps back to codes). */
  readonly mapping: (t: TFunction, me: string, lang: Language) => QueueMapping;
  /** The saved views, in the order of their number keys (1, 2, …); the first is the default. */
  readonly views: readonly ViewDef[];
  readonly searchKey: string;
  /** The item's actions in the order of the action bar. "Next" is the workspace's own. */
  readonly actions: readonly ActionDef<I>[];
  readonly dialogs: Readonly<Record<string, ComponentType<DialogProps<I>>>>;
  readonly Detail: ComponentType<DetailProps<I>>;
  readonly attachments: AttachmentLabeling<I>;
  /** The review pane's width (CSS); the default suits a form beside a scan. */
  readonly paneWidth?: string;
  /** Actions over several selected rows (absent: one row at a time). */
  readonly bulk?: readonly BulkActionDef[];
  /** Shown in the review pane while nothing is selected (e.g. the deadline overview). */
  readonly Overview?: ComponentType<{ readonly refreshTick: number; readonly active: boolean }>;
  /**
   * English wording of a refusal the command core gives only in Chinese, for the actions only
   * this kind has (e.g. missing scans on approve); null falls back to the workspace's wording.
   */
  readonly reasonEn?: (action: string, item: I, t: TFunction) => string | null;
  /**
   * The kind's own wording of a refusal in both languages, where the core's message names codes
   * rather than saying them (accidents: the quick-procedure exclusions). Null: the usual wording.
   * Only the words: whether the action is refused stays the command core's decision.
   */
  readonly reasonText?: (action: string, item: I, t: TFunction, detail: ItemDetail) => string | null;
}
