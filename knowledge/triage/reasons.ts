/** Severity reasons: short phrases, in the message's language, explaining a severity level by its cues. */
import type { Lang, Severity } from '../labels';
import type { CueId, CueReport } from './cues';

/** Short reason phrases, per cue and language. */
export const CUE_REASONS: Record<CueId, Record<Lang, string>> = {
  everyone: { en: 'the whole organisation is affected', fr: "toute l'organisation est touchée" },
  many_users: { en: 'many people affected', fr: 'plusieurs personnes touchées' },
  service_down: { en: 'a service is down', fr: 'un service est en panne' },
  urgent: { en: 'urgent, business deadline at stake', fr: 'urgence ou échéance métier' },
  single_user: { en: 'one person affected', fr: 'une seule personne touchée' },
  partial: { en: 'the service works, partly impaired', fr: 'le service fonctionne en partie' },
  workaround: { en: 'a workaround exists', fr: 'il existe un contournement' },
  howto: { en: 'a how-to question', fr: 'une question pratique' },
  minimal: { en: 'little business impact', fr: "peu d'impact sur l'activité" },
  problem: { en: 'something is not working', fr: 'quelque chose ne fonctionne pas' },
};

/** Reasons given when a level was chosen but none of its cues fired. */
const DEFAULT_REASONS: Record<Severity, Record<Lang, string>> = {
  A: { en: 'critical impact on the service', fr: 'impact critique sur le service' },
  B: { en: 'the service is impaired', fr: 'le service est dégradé' },
  C: { en: 'minimal business impact', fr: "impact minime sur l'activité" },
};

/** Which cues can explain which level. */
const LEVEL_CUES: Record<Severity, CueId[]> = {
  A: ['everyone', 'many_users', 'service_down', 'urgent'],
  B: ['single_user', 'partial', 'problem'],
  C: ['howto', 'workaround', 'minimal', 'single_user'],
};

/** Reasons of a severity level: the cues of that level found in the message, else a default. */
export function severityReasons(level: Severity, cues: CueReport, lang: Lang): string[] {
  const hits = new Set(cues.hits);
  const own = LEVEL_CUES[level].filter((id) => hits.has(id));
  // "one person affected" explains C only when nothing else does.
  const chosen = level === 'C' && own.length > 1 ? own.filter((id) => id !== 'single_user') : own;
  const reasons = chosen.map((id) => CUE_REASONS[id][lang]);
  return reasons.length ? reasons : [DEFAULT_REASONS[level][lang]];
}
