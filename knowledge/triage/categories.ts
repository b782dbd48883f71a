/** Which categories a topic may come with, and the index of each category. */
import { CATEGORIES, TOPICS, type Category, type TopicId } from '../labels';

/** Categories a topic may come with (its own, plus what the contract allows in between). */
export function allowedCategories(topic: TopicId): Category[] {
  const own = TOPICS[topic].category as Category;
  if (topic === 'billing.trial-signup' || topic === 'support.response-times' || topic === 'support.contact' || topic.startsWith('presales.')) {
    return own === 'presales' ? ['presales'] : [own, 'presales'];
  }
  return [own];
}

export const CAT_INDEX = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));
