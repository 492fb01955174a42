import type { ItemKind, WorkItem, WorkItemStatus } from './items';
import type { Command, CommandType } from './commands';

/**
 * The status machines as data. An action is a command type, or `decide:<outcome>` for decisions.
 * `to: null` keeps the status. `needsClaim`: only the current lease holder may do it.
 *
 * When you add a command type, add its rows here and its effect in shared/rules/effects.ts; every
 * side applies commands through shared/rules/commands.ts.
 */
export interface Transition {
  readonly from: readonly string[];
  readonly to: string | null;
  readonly needsClaim: boolean;
}

export const TERMINAL: Readonly<Record<ItemKind, readonly WorkItemStatus[]>> = {
  application: ['rejected', 'completed', 'withdrawn'],
  accident: ['closed', 'withdrawn'],
  tip: ['duplicate', 'closed'],
  appointment: ['served', 'no_show', 'withdrawn'],
};

const OPEN: Readonly<Record<ItemKind, readonly string[]>> = {
  application: ['submitted', 'supplement_requested', 'approved'],
  accident: ['reported', 'photos_requested', 'determined', 'referred'],
  tip: ['new', 'routed', 'case_opened'],
  appointment: ['booked', 'checked_in'],
};

const lease = (kind: ItemKind): Record<string, Transition> => ({
  claim: { from: OPEN[kind], to: null, needsClaim: false },
  release: { from: OPEN[kind], to: null, needsClaim: true },
  renew: { from: OPEN[kind], to: null, needsClaim: true },
  // a supervisor's; the core's preconditions check the role and that someone else holds it
  take_over: { from: OPEN[kind], to: null, needsClaim: false },
  note: { from: [...OPEN[kind], ...TERMINAL[kind]], to: null, needsClaim: false },
});

export const TRANSITIONS: Readonly<Record<ItemKind, Readonly<Record<string, Transition>>>> = {
  application: {
    ...lease('application'),
    'decide:approve': { from: ['submitted'], to: 'approved', needsClaim: true },
    'decide:reject': { from: ['submitted', 'supplement_requested'], to: 'rejected', needsClaim: true },
    request_supplement: { from: ['submitted'], to: 'supplement_requested', needsClaim: true },
    // at the window, by whichever clerk the citizen stands before: no claim (the approver's lease
    // has nothing to do with the pickup); a second hand-over finds the item completed
    hand_over: { from: ['approved'], to: 'completed', needsClaim: false },
    dispatch: { from: ['approved'], to: 'completed', needsClaim: false },
  },
  accident: {
    ...lease('accident'),
    'decide:determine': { from: ['reported'], to: 'determined', needsClaim: true },
    request_supplement: { from: ['reported'], to: 'photos_requested', needsClaim: true },
    refer: { from: ['reported', 'photos_requested'], to: 'referred', needsClaim: true },
    close: { from: ['determined', 'referred'], to: 'closed', needsClaim: true },
  },
  tip: {
    ...lease('tip'),
    triage: { from: ['new', 'routed'], to: null, needsClaim: true },
    route: { from: ['new', 'routed'], to: 'routed', needsClaim: true },
    link_duplicate: { from: ['new', 'routed'], to: 'duplicate', needsClaim: true },
    not_duplicate: { from: ['new', 'routed', 'case_opened'], to: null, needsClaim: true },
    open_case: { from: ['new', 'routed'], to: 'case_opened', needsClaim: true },
    close: { from: ['new', 'routed', 'case_opened'], to: 'closed', needsClaim: true },
    // a reply to the reporter; a linked duplicate's reporter can be answered too
    feedback: { from: ['new', 'routed', 'case_opened', 'duplicate', 'closed'], to: null, needsClaim: false },
  },
  // served at the window as the citizen arrives: no claims
  appointment: {
    note: { from: [...OPEN.appointment, ...TERMINAL.appointment], to: null, needsClaim: false },
    check_in: { from: ['booked'], to: 'checked_in', needsClaim: false },
    serve: { from: ['checked_in'], to: 'served', needsClaim: false },
    no_show: { from: ['booked'], to: 'no_show', needsClaim: false },
  },
};

export function actionOf(command: Pick<Command, 'type' | 'body'>): string {
  if (command.type === 'decide') return `decide:${(command.body as { outcome: string }).outcome}`;
  return command.type;
}

export function transitionFor(kind: ItemKind, action: string): Transition | undefined {
  return TRANSITIONS[kind][action];
}

/** Whether `action` is allowed on `item` in its current status (claims are checked separately). */
export function canApply(item: Pick<WorkItem, 'kind' | 'status'>, action: string): boolean {
  return transitionFor(item.kind, action)?.from.includes(item.status) ?? false;
}

export function isTerminal(item: Pick<WorkItem, 'kind' | 'status'>): boolean {
  return TERMINAL[item.kind].includes(item.status);
}

export const COMMAND_TYPES_BY_KIND: Readonly<Record<ItemKind, readonly CommandType[]>> = {
  application: ['claim', 'release', 'renew', 'take_over', 'note', 'decide', 'request_supplement', 'hand_over', 'dispatch'],
  accident: ['claim', 'release', 'renew', 'take_over', 'note', 'decide', 'request_supplement', 'refer', 'close'],
  tip: ['claim', 'release', 'renew', 'take_over', 'note', 'triage', 'route', 'link_duplicate', 'not_duplicate', 'open_case', 'close', 'feedback'],
  appointment: ['note', 'check_in', 'serve', 'no_show'],
};

/**
 * Statuses in which an item's deadline clock runs: it pauses while the citizen supplies material
 * (supplement_requested / photos_requested) and stops once the item is decided. "Days left",
 * "due today" and "overdue" only mean something here.
 * When you change this, also change the views in db/repos/item-query.ts (due_today, overdue).
 */
export const DEADLINE_CLOCK_RUNS: Readonly<Record<ItemKind, readonly WorkItemStatus[]>> = {
  application: ['submitted'],
  accident: ['reported'],
  tip: ['new', 'routed'],
  appointment: [],
};

export function deadlineClockRuns(item: { readonly kind: ItemKind; readonly status: string }): boolean {
  return (DEADLINE_CLOCK_RUNS[item.kind] as readonly string[]).includes(item.status);
}
