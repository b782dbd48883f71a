/** What the models read of a message: truncated, cleaned, links and URLs reduced. */
import { normalizeInput, MAX_INPUT_CHARS } from '../text';

/** Longer input is truncated before scoring. */
export const TRIAGE_MAX_CHARS = MAX_INPUT_CHARS;

/**
 * What the models read: the first TRIAGE_MAX_CHARS characters, HTML tags, entities and control
 * characters removed (text.ts normalizeInput), then Markdown links and images reduced to their
 * text and URLs (http:, javascript:, data: ...) dropped: an address is not a description of a
 * problem, and "javascript:alert(1)" must not read as a scripting question.
 */
export function prepareText(text: string): string {
  let s = normalizeInput(text, TRIAGE_MAX_CHARS);
  if (!s) return '';
  s = s.replace(/!?\[([^\]\n]{0,300})\]\((?:[^()\n]|\([^()\n]*\)){0,2000}\)/g, ' $1 ');
  s = s.replace(/\b(?:https?|ftp|javascript|vbscript|data|file|mailto):[^\s<>"')\]]*/gi, ' ');
  s = s.replace(/`{3,}|~{3,}|^#{1,6}\s+|^>\s+|\*{2,}|_{2,}/gm, ' ');
  return s.replace(/[ \t]{2,}/g, ' ').trim();
}
