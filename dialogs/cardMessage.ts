import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards';

/** A message carrying one Adaptive Card (and an optional line of text above it). */
export function cardMessage(card: AdaptiveCardJson | object, text?: string): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card), text);
}
