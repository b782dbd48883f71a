/**
 * How a card's buttons are rendered, decided in one place: Teams runs Universal Actions
 * (`Action.Execute` with a verb), Web Chat does not, so the same button becomes an `Action.Submit`
 * with the verb in its data. Either way the data is `{ verb, ...ids }`: the bot routes on the verb
 * and never takes identity or role from a card (the server decides those).
 */
import type { TopicId } from '../knowledge/labels';
import type { ActionData, ExecuteAction, SubmitAction, VerbAction } from './types';

/** 'execute' for Teams (Action.Execute), 'submit' for Web Chat (Action.Submit). */
export type ActionMode = 'execute' | 'submit';
export const ACTION_MODES: readonly ActionMode[] = ['execute', 'submit'];

/** Status changes a support engineer makes from the case card. */
export type EngineerStatus = 'in-progress' | 'waiting-on-customer' | 'resolved';

/**
 * Every verb and the ids its data carries (besides `verb`). Inputs of the card are added by the
 * client under their input ids (listed in the comments); they are not part of these shapes.
 */
export interface VerbData {
  /** Articles card, one per article. */
  'article.solved': { topicId: TopicId; stepId: string };
  /** Articles card: none of the offered articles solved it; `topicId` is the best one offered. */
  'article.notSolved': { topicId: TopicId | null; topicIds: TopicId[]; stepId: string };
  /** Articles card: go straight to support; `topicId` is the best one offered. */
  'article.contact': { topicId: TopicId | null; topicIds: TopicId[]; stepId: string };
  /** Triage summary. Inputs: `category` (see parseCategoryChoice), `severity` when editable. */
  'triage.confirm': { stepId: string };
  'triage.cancel': { stepId: string };
  /** User handoff card. */
  'handoff.notifyAdmins': { handoffId: string };
  /** Admin notification card. */
  'handoff.escalate': { handoffId: string };
  /** Case form. Inputs: see CaseFormInputs (readCaseForm turns them into values). */
  'case.submit': { submissionKey: string };
  'case.cancelForm': { submissionKey: string };
  /** Teams refresh of a case card (each viewer gets their own buttons). */
  'case.refresh': { caseNumber: string };
  /** Case list. */
  'case.view': { caseNumber: string };
  /** Case card, administrators. Input: `note`. */
  'case.addNote': { caseNumber: string };
  'case.close': { caseNumber: string };
  'case.reopen': { caseNumber: string };
  /** Case card, support engineers; `expectedVersion` when the view model gave the case version. */
  'case.assignToMe': { caseNumber: string; expectedVersion?: number };
  'case.setStatus': { caseNumber: string; status: EngineerStatus; expectedVersion?: number };
  /** Input: `reply`. */
  'case.reply': { caseNumber: string };
  /** Satisfaction card. Inputs: `rating` ("1"…"5"), `comment`. */
  'case.satisfaction': { caseNumber: string; resolution?: number };
}

export type CardVerb = keyof VerbData;

export const CARD_VERBS = [
  'article.solved',
  'article.notSolved',
  'article.contact',
  'triage.confirm',
  'triage.cancel',
  'handoff.notifyAdmins',
  'handoff.escalate',
  'case.submit',
  'case.cancelForm',
  'case.refresh',
  'case.view',
  'case.addNote',
  'case.close',
  'case.reopen',
  'case.assignToMe',
  'case.setStatus',
  'case.reply',
  'case.satisfaction',
] as const satisfies readonly CardVerb[];

// Compile-time check that the list names every verb.
type Missing = Exclude<CardVerb, (typeof CARD_VERBS)[number]>;
const everyVerbListed: Missing extends never ? true : never = true;
void everyVerbListed;

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (CARD_VERBS as readonly string[]).includes(value);
}

export interface VerbActionOptions {
  style?: 'default' | 'positive' | 'destructive';
  /** 'none' for buttons that must not send (or validate) the card's inputs, e.g. Cancel. */
  inputs?: 'auto' | 'none';
  id?: string;
}

function dataOf<V extends CardVerb>(verb: V, ids: VerbData[V]): ActionData {
  const data: ActionData = { verb };
  for (const [key, value] of Object.entries(ids) as [string, unknown][]) {
    if (value === undefined) continue;
    data[key] = value as ActionData[string];
  }
  return data;
}

/** A button that sends `verb` and its ids: Action.Execute in 'execute' mode, Action.Submit in 'submit' mode. */
export function verbAction<V extends CardVerb>(
  mode: ActionMode,
  verb: V,
  title: string,
  ids: VerbData[V],
  options: VerbActionOptions = {},
): VerbAction {
  const data = dataOf(verb, ids);
  const extra = {
    ...(options.id ? { id: options.id } : {}),
    ...(options.style && options.style !== 'default' ? { style: options.style } : {}),
    ...(options.inputs ? { associatedInputs: options.inputs } : {}),
  };
  if (mode === 'execute') {
    const action: ExecuteAction = { type: 'Action.Execute', title, verb, data, ...extra };
    return action;
  }
  const action: SubmitAction = { type: 'Action.Submit', title, data, ...extra };
  return action;
}

/** The Teams refresh action of a case card (execute mode only). */
export function refreshAction(caseNumber: string): { type: 'Action.Execute'; verb: 'case.refresh'; data: ActionData } {
  return { type: 'Action.Execute', verb: 'case.refresh', data: dataOf('case.refresh', { caseNumber }) };
}

export interface ReceivedCardAction {
  verb: CardVerb;
  /** The action's data merged with the card's inputs, as the client sent them (not validated). */
  values: Record<string, unknown>;
  /** Teams only: 'automatic' for a refresh, 'manual' for a click. */
  trigger?: 'manual' | 'automatic';
}

/**
 * Reads what a card sent back, from either channel: a Teams `adaptiveCard/action` invoke value
 * (`{ action: { type: 'Action.Execute', verb, data }, trigger }`) or a Web Chat message value
 * (`{ verb, ...ids, ...inputs }`). Returns undefined for anything else or an unknown verb.
 * Identity and role still come from the channel, never from these values.
 */
export function readCardAction(value: unknown): ReceivedCardAction | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const action = v.action as Record<string, unknown> | undefined;
  if (action && typeof action === 'object' && action.type === 'Action.Execute') {
    const data = action.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};
    const verb = action.verb ?? data.verb;
    if (!isCardVerb(verb)) return undefined;
    const trigger = v.trigger === 'automatic' || v.trigger === 'manual' ? v.trigger : undefined;
    return { verb, values: { ...data }, ...(trigger ? { trigger } : {}) };
  }
  if (!isCardVerb(v.verb)) return undefined;
  return { verb: v.verb, values: { ...v } };
}
