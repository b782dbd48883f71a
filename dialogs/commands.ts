import type { Lang } from '../knowledge/labels';

/**
 * What a typed message asks for, before any understanding of a problem: the words that work in the
 * middle of any flow (help, cancel, restart, a language), case follow-up in plain language
 * ("SR-000123", "status of SR-000123", "rouvrir SR-000123"), and the answers a card offers
 * (yes/oui, a number, the button's words). Pure: no bot, no I/O.
 */
export type Command = (
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'restart' }
  | { kind: 'language'; lang: Lang }
  | { kind: 'myCases' }
  | { kind: 'case'; action: 'view' | 'reopen' | 'close'; caseNumber: string }
  | { kind: 'registerQueue' }
) & {
  /** The language the command word itself is in ("aide" is French), when it tells. */
  said?: Lang;
};

/** Lower case, no accents, no surrounding punctuation, single spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HELP_EN = ['help', 'help me', 'what can you do'];
const HELP_FR = ['aide', 'aidez moi', 'que sais tu faire', 'que peux tu faire'];
const HELP = new Set([...HELP_EN, ...HELP_FR, 'menu', '?']);
const CANCEL_EN = ['cancel', 'quit', 'never mind', 'nevermind'];
const CANCEL_FR = ['annuler', 'annule', 'arrete', 'arreter', 'quitter', 'laisse tomber', 'abandonner'];
const CANCEL = new Set([...CANCEL_EN, ...CANCEL_FR, 'stop']);
const RESTART_EN = ['restart', 'start over'];
const RESTART_FR = ['recommencer', 'recommence', 'on recommence'];
const RESTART = new Set([...RESTART_EN, ...RESTART_FR, 'reset']);
const MY_CASES_FR = ['mes demandes', 'mes demandes de support', 'mes tickets', 'mes billets', 'mes cas', 'voir mes demandes'];

function saidIn(n: string, en: readonly string[], fr: readonly string[]): Lang | undefined {
  if (en.includes(n)) return 'en';
  if (fr.includes(n)) return 'fr';
  return undefined;
}
const LANGUAGES: Record<string, Lang> = {
  english: 'en',
  anglais: 'en',
  'in english': 'en',
  'en anglais': 'en',
  'english please': 'en',
  francais: 'fr',
  french: 'fr',
  'en francais': 'fr',
  'in french': 'fr',
  'francais svp': 'fr',
  'francais s il vous plait': 'fr',
};
const MY_CASES = new Set([
  'my cases',
  'my case',
  'my requests',
  'my tickets',
  'my support requests',
  'mes demandes',
  'mes demandes de support',
  'mes tickets',
  'mes billets',
  'mes cas',
  'list my cases',
  'show my cases',
  'voir mes demandes',
]);
const REGISTER_QUEUE = new Set(['register queue', 'enregistrer la file', 'register support queue']);

const CASE_NUMBER = /\bsr[- ]?(\d{6,12})\b/i;
const REOPEN_WORDS = /\b(reopen|re-open|open again|rouvrir|reouvrir|rouvre|reouvre)\b/;
const CLOSE_WORDS = /\b(close|fermer|ferme|cloturer|cloture)\b/;

export function parseCommand(text: string): Command | undefined {
  const n = normalise(text);
  const withSaid = <C extends Command>(c: C, said: Lang | undefined): C => (said ? { ...c, said } : c);
  if (!n && text.trim() === '?') return { kind: 'help' };
  if (HELP.has(n)) return withSaid({ kind: 'help' }, saidIn(n, HELP_EN, HELP_FR));
  if (CANCEL.has(n)) return withSaid({ kind: 'cancel' }, saidIn(n, CANCEL_EN, CANCEL_FR));
  if (RESTART.has(n)) return withSaid({ kind: 'restart' }, saidIn(n, RESTART_EN, RESTART_FR));
  if (n in LANGUAGES) return { kind: 'language', lang: LANGUAGES[n] };
  if (MY_CASES.has(n)) return withSaid({ kind: 'myCases' }, MY_CASES_FR.includes(n) ? 'fr' : 'en');
  if (REGISTER_QUEUE.has(n)) return { kind: 'registerQueue' };
  const number = CASE_NUMBER.exec(n);
  // A case number leads only in short messages: a long description that quotes one is a problem.
  if (number && n.split(' ').length <= 8) {
    const caseNumber = `SR-${number[1].padStart(6, '0')}`;
    if (REOPEN_WORDS.test(n)) return { kind: 'case', action: 'reopen', caseNumber };
    if (CLOSE_WORDS.test(n)) return { kind: 'case', action: 'close', caseNumber };
    return { kind: 'case', action: 'view', caseNumber };
  }
  return undefined;
}

const YES = new Set(['yes', 'y', 'yep', 'yeah', 'ok', 'okay', 'sure', 'oui', 'o', 'ouais', 'ouep', 'daccord', "d'accord", 'dacc', 'bien sur', 'correct', 'confirm', 'confirmer', 'confirme', 'that solved it', 'solved', 'resolu', 'ca marche', 'it works', 'merci ca marche']);
const NO = new Set(['no', 'n', 'nope', 'nah', 'non', 'pas vraiment', 'not really', 'not solved', 'non resolu', 'pas resolu', 'ca marche pas', 'still broken', 'toujours pas']);

/** A typed yes or no, in either language. */
export function parseYesNo(text: string): boolean | undefined {
  const n = normalise(text);
  if (YES.has(n)) return true;
  if (NO.has(n)) return false;
  return undefined;
}

/**
 * Matches a typed answer against the choices a card offered: by number ("2"), by the button's
 * words in either language, or by the choice's value.
 */
export function matchChoice<T extends string>(text: string, choices: readonly { value: T; titles: readonly string[] }[]): T | undefined {
  const n = normalise(text);
  if (/^\d{1,2}$/.test(n)) return choices[Number(n) - 1]?.value;
  for (const choice of choices) {
    if (normalise(choice.value) === n || choice.titles.some((t) => normalise(t) === n)) return choice.value;
  }
  const partial = choices.filter((c) => c.titles.some((t) => n.length >= 4 && normalise(t).includes(n)));
  return partial.length === 1 ? partial[0].value : undefined;
}
