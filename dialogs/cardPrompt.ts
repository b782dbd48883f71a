import {
  Prompt,
  type DialogTurnResult,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import { InputHints, type Activity, type TurnContext } from 'botbuilder';
import { matchChoice, normalise, parseYesNo } from './commands';

/**
 * Waits for an answer to a card: either the card's own submission (Action.Submit data with a
 * `verb`) or the same choice typed ("2", "yes", "pas résolu", the button's words). Card data is
 * outside input: the verb must be one this prompt offered, and the fields are validated by the
 * step that reads them, never trusted for identity or role.
 */
export interface CardAnswer {
  verb: string;
  data: Record<string, unknown>;
  /** True when the person typed the answer instead of pressing a button. */
  typed: boolean;
}

export interface CardChoice {
  verb: string;
  /** Button words in both languages, so a typed answer in either matches. */
  titles: readonly string[];
  /** When a typed yes/no should pick this choice. */
  yesNo?: boolean;
}

export interface CardPromptOptions extends PromptOptions {
  cardChoices?: CardChoice[];
  /** Free text counts as this verb (e.g. a form that accepts a typed description). */
  freeTextVerb?: string;
}

const MAX_DATA_BYTES = 16 * 1024;

/**
 * Raised when, instead of answering the card, the person describes something new (a sentence that
 * matches none of the choices): the conversation drops the waiting flow and starts over with it,
 * rather than asking again and again for an option they have moved on from.
 */
export class NewProblemSignal extends Error {
  constructor(readonly text: string) {
    super('the person described a new problem');
    this.name = 'NewProblemSignal';
  }
}

const NEW_PROBLEM_MIN_WORDS = 3;

export class CardPrompt extends Prompt<CardAnswer> {
  constructor(dialogId: string, validator?: PromptValidator<CardAnswer>) {
    super(dialogId, validator);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (!activity) return;
    const outgoing = typeof activity === 'string' ? { type: 'message', text: activity } : activity;
    await context.sendActivity({ inputHint: InputHints.ExpectingInput, ...(outgoing as Partial<Activity>) });
  }

  protected async onRecognize(context: TurnContext, _state: object, promptOptions: PromptOptions): Promise<PromptRecognizerResult<CardAnswer>> {
    const options = promptOptions as CardPromptOptions;
    const choices = options.cardChoices ?? [];
    const value = context.activity.value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const data = value as Record<string, unknown>;
      const verb = typeof data.verb === 'string' ? data.verb : undefined;
      const size = Buffer.byteLength(JSON.stringify(data));
      if (verb && size <= MAX_DATA_BYTES && choices.some((c) => c.verb === verb)) {
        return { succeeded: true, value: { verb, data, typed: false } };
      }
      return { succeeded: false };
    }
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    if (!text.trim()) return { succeeded: false };
    const yesNo = parseYesNo(text);
    if (yesNo !== undefined) {
      const byYesNo = choices.find((c) => c.yesNo === yesNo);
      if (byYesNo) return { succeeded: true, value: { verb: byYesNo.verb, data: {}, typed: true } };
    }
    const picked = matchChoice(
      text,
      choices.map((c) => ({ value: c.verb, titles: c.titles })),
    );
    if (picked) return { succeeded: true, value: { verb: picked, data: {}, typed: true } };
    if (options.freeTextVerb && normalise(text).length > 0) {
      return { succeeded: true, value: { verb: options.freeTextVerb, data: { text }, typed: true } };
    }
    if (normalise(text).split(' ').length >= NEW_PROBLEM_MIN_WORDS) throw new NewProblemSignal(text);
    return { succeeded: false };
  }
}

/** Prompts with card choices (PromptOptions cannot carry them in its own type). */
export function askCard(step: { prompt(dialogId: string, options: PromptOptions): Promise<DialogTurnResult> }, dialogId: string, options: CardPromptOptions): Promise<DialogTurnResult> {
  return step.prompt(dialogId, options);
}
