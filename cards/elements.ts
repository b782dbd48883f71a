/** Small builders for the card JSON, so every card follows the same design rules. */
import type {
  ActionSet,
  AdaptiveCardJson,
  CardAction,
  CardElement,
  Column,
  ColumnSet,
  Container,
  Fact,
  FactSet,
  TextBlock,
} from './types';

/** A whole card (schema 1.5); its texts are already in the person's language. */
export function card(body: CardElement[], actions: CardAction[] = []): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
  };
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

/** The card's title: a heading for screen readers. */
export function heading(value: string): TextBlock {
  return text(value, { style: 'heading', size: 'medium', weight: 'bolder' });
}

/** A small bold label above a value or a list. */
export function label(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return text(value, { weight: 'bolder', spacing: 'medium', ...options });
}

export function subtle(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return text(value, { isSubtle: true, spacing: 'small', ...options });
}

/** An error right under its input: attention colour, announced with the field. */
export function errorText(value: string, id?: string): TextBlock {
  return text(value, { color: 'attention', spacing: 'small', ...(id ? { id } : {}) });
}

/** One TextBlock per item, so each wraps on its own on a phone. */
export function bullets(items: readonly string[]): TextBlock[] {
  return items.map((item) => text(`• ${item}`, { spacing: 'small' }));
}

export function container(items: CardElement[], options: Omit<Container, 'type' | 'items'> = {}): Container {
  return { type: 'Container', items, ...options };
}

export function facts(list: Fact[], options: Omit<FactSet, 'type' | 'facts'> = {}): FactSet {
  return { type: 'FactSet', facts: list, ...options };
}

export function actionSet(actions: CardAction[], options: Omit<ActionSet, 'type' | 'actions'> = {}): ActionSet {
  return { type: 'ActionSet', actions, ...options };
}

export function column(width: Column['width'], items: CardElement[], options: Omit<Column, 'type' | 'width' | 'items'> = {}): Column {
  return { type: 'Column', width, items, ...options };
}

export function columns(list: Column[], options: Omit<ColumnSet, 'type' | 'columns'> = {}): ColumnSet {
  return { type: 'ColumnSet', columns: list, ...options };
}

/** Cuts a long text for display (the full text stays in the case); never mid-surrogate. */
export function excerpt(value: string, max: number): string {
  const chars = Array.from(value.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Keeps at most `max` characters of a typed value, as typed (no trimming, no ellipsis). */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('');
}
