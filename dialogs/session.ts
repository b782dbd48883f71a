import type { TurnContext } from 'botbuilder';
import type { ActionMode } from '../cards';
import type { ResolvedIdentity } from '../cases/identity';
import type { Lang } from '../knowledge/labels';

/**
 * What the bot established about this turn before any dialog runs: who is speaking (from the
 * channel and the directory), the language to answer in, and how case card buttons render in this
 * channel. Dialogs read it; nothing in a message or a card can change it.
 */
export interface TurnSession {
  identity: ResolvedIdentity;
  lang: Lang;
  channelId: string;
  /** Case cards: Action.Execute in Teams, Action.Submit elsewhere. Flow cards always submit. */
  caseActions: ActionMode;
  /** Key of this conversation in the reference store (where cards posted here can be updated). */
  referenceKey: string;
}

const SESSION_KEY = Symbol('supportSession');

export function setSession(context: TurnContext, session: TurnSession): void {
  context.turnState.set(SESSION_KEY, session);
}

export function session(context: TurnContext): TurnSession {
  const s = context.turnState.get(SESSION_KEY) as TurnSession | undefined;
  if (!s) throw new Error('turn session missing: the bot sets it before running dialogs');
  return s;
}

/** The one place that decides how case card actions render, from the channel id. */
export function caseActionMode(channelId: string): ActionMode {
  return channelId === 'msteams' ? 'execute' : 'submit';
}
