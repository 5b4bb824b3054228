import type { Messages } from './messages';

/** A category's title and description; a category without texts is shown by its id. */
export function categoryText(messages: Messages, id: string): { title: string; description: string } {
  const t = messages.categories[id];
  return { title: t?.title || id, description: t?.description || '' };
}
