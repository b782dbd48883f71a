/** Helpers to look inside card JSON in tests, and the adaptivecards 1.5 parser. */
// The package's lib/ build is ESM-only in Node; its dist/ bundle works.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

type Json = Record<string, unknown>;

/** Every object in the card, depth first (elements, actions, choices, facts, nested cards…). */
export function objects(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => objects(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    Object.values(node as Json).forEach((v) => objects(v, out));
  }
  return out;
}

export function ofType(card: unknown, type: string | RegExp): Json[] {
  return objects(card).filter((o) => (typeof type === 'string' ? o.type === type : typeof o.type === 'string' && type.test(o.type)));
}

export const inputs = (card: unknown) => ofType(card, /^Input\./);
export const verbActions = (card: unknown) => ofType(card, /^Action\.(Execute|Submit)$/);

/** Every string value in the card (keys excluded). */
export function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') Object.values(node as Json).forEach((v) => strings(v, out));
  return out;
}

/** The texts a person sees or hears: TextBlock text, titles, labels, placeholders, error messages, facts. */
export function visibleTexts(card: unknown): string[] {
  const out: string[] = [];
  for (const o of objects(card)) {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    for (const key of ['title', 'label', 'placeholder', 'errorMessage']) {
      if (typeof o[key] === 'string') out.push(o[key] as string);
    }
    if (typeof o.value === 'string' && typeof o.title === 'string' && o.type === undefined) out.push(o.value); // facts
  }
  return out;
}

/** Finds an element by id and the element right after it in the same container. */
export function withNext(card: unknown, id: string): { element: Json; next: Json | undefined } | undefined {
  for (const o of objects(card)) {
    for (const key of ['body', 'items']) {
      const list = o[key];
      if (!Array.isArray(list)) continue;
      const i = list.findIndex((e: Json) => e && e.id === id);
      if (i >= 0) return { element: list[i], next: list[i + 1] };
    }
  }
  return undefined;
}

/** Parser messages for schema 1.5 plus the validation pass (duplicate ids, missing required properties…). */
export function parserMessages(card: unknown): string[] {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  ac.parse(card, ctx);
  const messages: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    messages.push(`parse: ${e.message}`);
  }
  if (ctx.eventCount !== 0) return messages;
  const results = ac.validateProperties();
  for (const e of results.validationEvents as { message: string }[]) messages.push(`validate: ${e.message}`);
  return messages;
}

export function parserEventCount(card: unknown): number {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  ac.parse(card, ctx);
  return ctx.eventCount as number;
}
