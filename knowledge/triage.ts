/**
 * Triage of one user message (../shared/triage-contract.md): language, category, subcategory,
 * severity with its reasons, the ranked articles and the one article worth offering.
 *
 * Design (all deterministic; trained by knowledge/trainTriage.ts, stored in
 * knowledge/model/triage-model.json, loaded at start-up and never retrained there):
 *
 *   Level 1, text models (TextClassifier of classifier.ts, linear, word + char n-grams):
 *     topic     66 topics + "__none__", trained on the utterances AND the articles' titles,
 *               summaries, phrasings and keywords (+9 points Recall@1 in cross-validation)
 *     category  5 labels;  severity  A/B/C on technical utterances;
 *     techSub   setup/configuration/usage on technical utterances; boundarySub  the 5 boundaries
 *   and the article search of search.ts (BM25F), in the detected language.
 *   Level 2, small transparent models trained on OUT-OF-FOLD level-1 outputs (5-fold
 *   cross-validation on the training utterances, so they learn how far to trust each source):
 *     topic ranker   conditional logit over the candidates of the classifier and the search
 *                    (features: classifier probability and rank, search score, confidence and rank,
 *                    category compatibility) -> a probability per topic;
 *     category       multinomial logistic regression on the category classifier, the topic
 *                    classifier's mass per category, the top article's category and cue flags;
 *     subcategory    technical: the confident topic's subcategory (the contract: it follows the
 *                    topic), else a regression on techSub + topic mass; boundary: regression;
 *     severity       regression on the severity classifier + transparent cue detectors (counts
 *                    of users, everyone/nobody, down/panne, urgent, workaround, how-to...) whose
 *                    hits also give the REASONS, as short phrases in the message's language;
 *     offer          logistic model of "the top topic is right", threshold chosen by
 *                    cross-validation so that few messages with no fitting article get one.
 *   The language comes from language.ts (naive Bayes + function words, trained on the same data).
 *
 * Pure library: no I/O except `loadTriageModel` / `saveTriageModel`. `analyze` never throws:
 * empty text, emoji, 10,000 characters, HTML, control characters, another language give a
 * defined low-confidence answer with no article offered.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { TextClassifier, type ClassifierOptions, type LabelledText } from './classifier';
import { buildArticleIndex, type ArticleSearch } from './search';
import { foldAccents, normalizeInput, MAX_INPUT_CHARS } from './text';
import { LanguageDetector, type LanguageSample } from './language';
import {
  BOUNDARY_SUBCATEGORIES,
  CATEGORIES,
  SEVERITIES,
  TECHNICAL_SUBCATEGORIES,
  TOPICS,
  TOPIC_IDS,
  isTopicId,
  type BoundarySubcategory,
  type Category,
  type Lang,
  type Severity,
  type Subcategory,
  type TechnicalSubcategory,
  type TopicId,
} from './labels';
import type { Article } from './articles';

// =============================================================================================
// Public types

export interface TriageExample {
  text: string;
  lang: Lang;
  category: Category;
  subcategory: Subcategory | null;
  severity: Severity | null;
  topic: TopicId | null;
}

export interface TriageTrainingData {
  examples: TriageExample[];
  articles: Article[];
  /** Hash of the training files and articles (trainTriage.ts), stored to detect a stale model. */
  dataHash?: string;
}

export interface TriageTrainOptions {
  /** Folds of the out-of-fold predictions the level-2 models learn from (default 5). */
  folds?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface TopicHit {
  topic: TopicId;
  title: string;
  /** Fused probability of the topic among the candidates (0..1). */
  score: number;
  /** Probability that this article answers the message (calibrated on the top hit). */
  confidence: number;
}

export interface TriageResult {
  lang: Lang;
  langConfidence: number;
  category: { label: Category; probability: number };
  subcategory: { label: Subcategory | null; probability: number };
  severity: { label: Severity | null; probability: number; reasons: string[] };
  /** Ranked, up to 10. */
  topics: TopicHit[];
  /** The article to offer, or null when none is good enough. */
  confidentTopic: TopicId | null;
}

export interface AnalyzeOptions {
  /** The user's last language: used when the message's language cannot be told. */
  fallbackLang?: Lang;
}

/** Cross-validated figures on the training data (stored in the model, printed by `train`). */
export interface CrossValidationReport {
  folds: number;
  n: number;
  lang: number;
  category: number;
  subcategory: number;
  severity: number;
  topic_r1: number;
  topic_r3: number;
  topic_mrr10: number;
  null_false_offer: number;
  /** Share of topical messages offered the right article / a wrong one. */
  offer_correct: number;
  offer_wrong: number;
  offerThreshold: number;
  by_lang: Record<Lang, Omit<CrossValidationReport, 'folds' | 'by_lang' | 'offerThreshold' | 'components'>>;
  /** Level-1 components alone, for comparison. */
  components: { topic_classifier_r1: number; topic_search_r1: number; category_classifier: number; severity_classifier: number };
}

// =============================================================================================
// Cue detectors (transparent; over lower-cased, accent-folded text; both languages)

export type CueId =
  | 'everyone'
  | 'many_users'
  | 'service_down'
  | 'urgent'
  | 'single_user'
  | 'partial'
  | 'workaround'
  | 'howto'
  | 'minimal'
  | 'problem';

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

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, hundreds: 200, dozen: 12, dozens: 30,
  deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, douze: 12, quinze: 15, vingt: 20,
  trente: 30, quarante: 40, cinquante: 50, soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90,
  cent: 100, centaine: 100, centaines: 200, dizaine: 10, dizaines: 30, several: 3, many: 10, plusieurs: 3,
};

const PEOPLE =
  'users?|people|persons?|staff|employees?|colleagues?|coworkers?|co-workers?|mailboxes|accounts|agents|seats|students|teachers|pupils|workers|members|' +
  'clients|customers|doctors|nurses|lawyers|consultants|technicians|reps|volunteers|devices|laptops|pcs|computers|phones|' +
  'utilisateurs?|utilisatrices?|personnes|employes|salaries|collegues|collaborateurs|collaboratrices|comptes|boites|postes|eleves|etudiants|' +
  'membres|profs|enseignants|medecins|infirmieres?|avocats|techniciens|commerciaux|gens|benevoles|ordinateurs|ordis|telephones|portables|agences|sites|bureaux|' +
  'new hires|hires|starters|interns|stagiaires|saisonniers|nouveaux|nouvelles|arrivants|pc|workstations|machines|stores|shops|branches|locations|magasins|boutiques|salons|succursales|offices|clinics|schools|ecoles|mailboxes|bal|licences|licenses|seats';

const COUNT_RE = new RegExp(
  `(?:^|[^\\w.])(\\d{1,6}|${Object.keys(NUMBER_WORDS).join('|')})\\s*(?:\\+\\s*)?(?:[a-z']+\\s+){0,2}?(?:${PEOPLE})\\b`,
  'g',
);

interface CueRule {
  id: CueId;
  re: RegExp;
}

const CUE_RULES: CueRule[] = [
  {
    id: 'everyone',
    re: new RegExp(
      [
        "\\b(?:every ?(?:one|body)(?!'?s? else)|no ?one|nobody|no user|none of (?:us|our|the)|every single (?:user|one|person|employee|mailbox|pc|device)|every (?:synced |licensed )?user|for anyone|anyone in the (?:company|office|org|team))\\b",
        '\\b(?:all|every) (?:the |our |of our |of the )?(?:workstations|pcs|computers|machines|new pcs|stores|shops|branches|locations|offices|sites|users|mailboxes|shared mailboxes|phones|devices)\\b',
        '\\b(?:whole|entire) (?:[a-z]+ )?(?:floor|shift|team|department|office|branch|staff|company|org|building|firm|school)\\b',
        "\\b(?:tous les postes|sur tous|chez tous|pour tous|tout le (?:bureau|service|domaine|site|personnel|siege|magasin|etage|cabinet|groupe|staff)|toute l'equipe|plus aucun|personne peut|personne arrive)\\b",
        '\\b(?:all|most) (?:of )?(?:our |the |my )?(?:users|staff|employees|people|mailboxes|accounts|colleagues|students|teachers|offices|sites|devices|laptops|phones|clients|customers|teams|departments)\\b',
        '\\b(?:whole|entire|complete) (?:company|org|organi[sz]ation|office|team|tenant|firm|school|department|dept|business|staff|building|floor|site|agency|practice|clinic|domain|sales team|finance team)\\b',
        '\\b(?:company|org|organi[sz]ation|tenant|office|business|school|campus)[- ]?wide\\b',
        '\\bacross (?:the |our )?(?:company|org|organi[sz]ation|tenant|offices|board)\\b',
        '\\bhalf (?:of )?(?:the |our )?(?:company|office|team|staff|users|org)\\b',
        '\\bfor (?:all|everyone|everybody)\\b',
        '\\btout le monde\\b',
        "\\bpersonne (?:ne|n'|n |arrive|peut|a |recoit|voit)",
        "\\bplus personne\\b",
        '\\baucun(?:e)? (?:utilisat|employe|salarie|collegue|collaborat|poste|compte|client|eleve|membre|de nos|des)',
        "\\btou(?:te|s|tes)? (?:la |l'|le |les |nos |notre )?(?:boite|entreprise|societe|equipe|organisation|ecole|mairie|agence|bureau|cabinet|compagnie|firme|etablissement|structure|asso|association|service|monde|tenant|siege|site|batiment|personnel|utilisateurs|employes|salaries|postes|comptes|collaborateurs|collegues|clients|eleves|profs|boites)\\b",
        "\\bl'ensemble (?:des|du|de l)",
        '\\bla moitie (?:de |des |du )',
        '\\bla plupart des\\b',
      ].join('|'),
    ),
  },
  {
    id: 'service_down',
    re: new RegExp(
      [
        '\\b(?:is|are|went|goes|gone|seems?|completely|totally|still|was|be) down\\b',
        '\\bdown (?:for|since|again|across|right now|completely|everywhere)\\b',
        '^\\S+(?: \\S+)? down\\b',
        '\\b(?:outage|offline|unavailable|unreachable|inaccessible|not reachable|not accessible)\\b',
        "\\b(?:doesn't|does not|won't|will not|isn't|is not|not) (?:load|loading|open|opening) (?:for|at all)",
        '\\b(?:nothing|none of it) (?:works|is working|loads)\\b',
        '\\b(?:error|http) 50[0234]\\b|\\b50[0234] (?:error|service)',
        '\\bservice (?:is )?(?:unavailable|down|outage)',
        '\\ben panne\\b|\\bpanne\\b|\\bhors (?:service|ligne|d.usage)\\b|\\binaccessibles?\\b|\\bindisponibles?\\b|\\binjoignables?\\b',
        '\\bplus (?:rien ne|aucun .{0,20} ne) (?:marche|fonctionne|passe|charge)',
        '\\bne (?:charge|repond) plus\\b.*\\b(?:pour|chez) (?:tout|personne|aucun)',
        '\\bsite (?:est )?(?:tombe|down|mort)\\b|\\bplante pour tout',
        '\\bcoupure\\b|\\b(?:est|sont) tombee?s?\\b|\\bne (?:sonne|repond) (?:plus|nulle part)|\\bdont ring\\b|\\bdead\\b',
      ].join('|'),
    ),
  },
  {
    id: 'urgent',
    re: new RegExp(
      [
        '\\b(?:urgent|urgently|asap|emergency|critical|critique|urgence|urgente|bloquant|bloquante|sos)\\b',
        '\\b(?:production|prod) (?:is |est )?(?:down|stopped|halted|blocked|bloquee?|arretee?|a l.arret)',
        '\\b(?:deadline|board meeting|payroll|go[- ]live|audit tomorrow|closing|quarter close|month[- ]end)\\b',
        '\\b(?:losing|lose|lost) (?:money|business|customers|orders|sales|revenue)\\b',
        '\\b(?:customers?|clients?|patients?) (?:can.?t|cannot|are unable|ne peuvent|peuvent plus|n.arrivent)\\b',
        '\\bon perd (?:des|de l|du)|\\bperte de (?:chiffre|clients|commandes)|\\beche(?:ance|ances)\\b|\\bpaie\\b|\\bau plus vite\\b|\\btout de suite\\b|\\bimmediatement\\b',
        '\\bright now\\b|\\bimmediately\\b|\\btonight\\b|\\bce soir\\b',
        '\\b(?:standstill|can.?t work|cannot work|unable to work|impossible de travailler|a l.arret|paralys\\w*|bloque tout|tout est bloque|on peut plus travailler|peuvent plus travailler)\\b',
        '\\b(?:by|before|due|for) (?:monday|tomorrow|tonight|end of day|eod|noon|today|this afternoon)\\b|\\b(?:start|starts|starting) (?:monday|tomorrow)\\b',
        '\\b(?:pour|avant) (?:demain|lundi|ce soir|midi|\\d{1,2} ?h)\\b|\\b(?:commencent|arrivent|demarrent) (?:demain|lundi)\\b',
        '\\b(?:ransomware|hacked|compromised|breach|phishing campaign|attaque|pirate|piratee|rancongiciel|fuite de donnees)\\b',
      ].join('|'),
    ),
  },
  {
    id: 'single_user',
    re: new RegExp(
      [
        '\\b(?:one|a single|single|a|an|one of (?:our|my|the)) (?:user|person|employee|colleague|coworker|staff member|mailbox|account|member|student|teacher|client|consultant|intern|new hire|manager)\\b',
        '\\b(?:only|just) (?:me|mine|for me|my|one|this one|him|her|1 user|one user|one person)\\b',
        "\\b(?:my|our) (?:ceo|boss|manager|director|assistant|accountant|secretary|receptionist|intern|cfo|president)\\b",
        "\\b(?:my|for my) (?:own )?(?:mailbox|account|laptop|pc|computer|outlook|phone|iphone|android|mac|macbook|profile|calendar|onedrive|password|inbox)\\b",
        '\\b(?:one|1|a single) (?:of (?:our|my) )?(?:users?|persons?|mailbox|account|laptop|pc|computer|machine|device)\\b',
        "\\bun(?:e)? (?:seul(?:e)? )?(?:utilisat(?:eur|rice)|collegue|employe|salarie|personne|collaborat(?:eur|rice)|boite|compte|poste|membre|stagiaire|eleve|client)\\b",
        '\\b(?:seulement|juste|uniquement|que) (?:moi|pour moi|un|une|chez moi|mon|ma|lui|elle)\\b',
        "\\b(?:mon|ma|notre) (?:patron|patronne|directeur|directrice|pdg|dg|comptable|assistante?|secretaire|stagiaire|chef|manager|president)\\b",
        "\\b(?:mon|ma) (?:propre )?(?:pc|ordi|ordinateur|poste|compte|outlook|telephone|portable|iphone|mac|boite|session|profil|calendrier|mot de passe|onedrive)\\b",
        "\\b(?:la|le) (?:comptable|directeur|directrice|patron|secretaire|stagiaire|receptionniste)\\b",
      ].join('|'),
    ),
  },
  {
    id: 'partial',
    re: new RegExp(
      [
        '\\b(?:sometimes|intermittent(?:ly)?|occasionally|randomly|from time to time|on and off|now and then|every (?:now|few|other)|slow|slowly|sluggish|lag|lags|laggy|delay|delayed|delays)\\b',
        '\\b(?:some|a few|certain) (?:emails|messages|files|users|contacts|meetings|calls|items|folders|buttons)\\b',
        '\\bonly (?:on|in|with|when|from|for some)\\b|\\bbut (?:it )?(?:works|is fine|fine)\\b|\\bpartially\\b|\\bpartly\\b',
        '\\b(?:parfois|des fois|de temps en temps|par moments|par intermittence|aleatoire(?:ment)?|lent|lente|lents|lentes|lenteur|lenteurs|ralenti|rame|retard|retards|decalage)\\b',
        '\\b(?:certains|certaines|quelques) (?:mails|courriels|messages|fichiers|utilisateurs|contacts|reunions|appels|dossiers|boutons)\\b',
        '\\b(?:seulement|que|uniquement) (?:sur|dans|avec|quand)\\b|\\bmais (?:ca|ça|il|elle) (?:marche|fonctionne)\\b|\\ben partie\\b|\\bpartiellement\\b',
        "\\b(?:every ?(?:one|body) else|others are fine|the others (?:are|work)|the rest (?:of (?:the|us) )?(?:is|are|works?)|rest of the (?:batch|team|office|intranet) (?:is|went|works?)|only (?:him|her|that one|this one))\\b",
        "\\b(?:les autres (?:sont|marchent|fonctionnent|oui|ont|passent)|le reste (?:marche|fonctionne|est ok)|tous les autres)\\b",
      ].join('|'),
    ),
  },
  {
    id: 'workaround',
    re: new RegExp(
      [
        '\\bwork ?-?around\\b',
        '\\b(?:works|working|is fine|fine|ok|okay) (?:on|in|from|via|through|with) (?:the |my |our )?(?:web|browser|owa|outlook on the web|phone|mobile|mac|app|other (?:pc|computer|laptop)|desktop|teams web)\\b',
        '\\b(?:in the meantime|meanwhile|for now (?:we|i) (?:use|are using)|we can still|i can still|can still (?:use|send|access|work|get))\\b',
        '\\b(?:using|use) the web (?:version|app)\\b',
        '\\b(?:contourn\\w*|en attendant|on passe par|je passe par|on peut quand meme|je peux quand meme|on arrive quand meme|on se debrouille)\\b',
        '\\b(?:marche|fonctionne|passe|ok) (?:bien )?(?:sur|dans|avec|depuis|via|par) (?:le |la |l.|mon |ma |notre )?(?:web|navigateur|owa|telephone|portable|mobile|appli|application|mac|autre (?:pc|poste|ordi))',
        '\\b(?:sur|via|depuis) (?:le )?(?:web|navigateur|owa) (?:ca|ça|ils?|elles?) (?:marche|fonctionne|passe)',
      ].join('|'),
    ),
  },
  {
    id: 'howto',
    re: new RegExp(
      [
        '^(?:how|what|where|which|can i|can we|could i|could we|is it possible|is there (?:a|any) way|do i|do we|should (?:i|we)|any way to|where do|where can|who can|when (?:do|should|can))\\b',
        '\\b(?:how (?:do|can|should|would|to)|how\'?s it possible|what\'?s the (?:best )?way|steps to|guide (?:to|for)|tutorial|instructions? (?:to|for)|where (?:do|can|is|are) (?:i|we|the|it))\\b',
        '^(?:comment|ou |quel|quelle|quels|quelles|est-ce que|est ce que|peut-on|peut on|puis-je|puis je|pouvez-vous|peux-tu|y a-t-il|y a t il|faut-il|dois-je|est-il possible)',
        "\\b(?:comment (?:on |je |faire|fait|puis|peut|ajouter|creer|configurer|partager|activer|desactiver|changer|modifier|supprimer|installer|mettre|recuperer|savoir|voir|trouver|donner|retirer|transferer|migrer)|ou (?:trouver|se trouve|est|sont|puis-je|peut-on)|est-(?:il|ce) possible|possible de|y a-t-il un moyen|marche a suivre|procedure (?:pour|de)|quelle est la (?:meilleure )?(?:facon|maniere|methode)|tuto)\\b",
      ].join('|'),
    ),
  },
  {
    id: 'minimal',
    re: new RegExp(
      [
        '\\b(?:not urgent|no rush|no hurry|not a big deal|low priority|not critical|when you (?:have|get) (?:a )?(?:time|chance|moment)|whenever|just curious|just wondering|cosmetic|minor|small (?:thing|issue|question)|quick question|nothing urgent|not blocking|out of curiosity)\\b',
        "\\b(?:pas urgent|pas presse|pas pressee|rien d.urgent|pas grave|pas bloquant|quand vous (?:aurez|pourrez)|a l.occasion|petite question|simple question|juste une question|par curiosite|question de curiosite|mineur|cosmetique|pas prioritaire|sans urgence)\\b",
      ].join('|'),
    ),
  },
  {
    id: 'problem',
    re: new RegExp(
      [
        "\\b(?:error|errors|fails?|failed|failing|broken|not working|doesn.?t work|does not work|don.?t work|won.?t|can.?t|cannot|couldn.?t|unable|stuck|crash(?:es|ed|ing)?|freez(?:e|es|ing)|frozen|hangs?|bug|issue|problem|wrong|missing|disappeared|keeps? (?:asking|failing|crashing|prompting))\\b",
        "\\b(?:erreur|echec|echoue|marche pas|marche plus|fonctionne pas|fonctionne plus|plante|plantage|bloque|bloquee|impossible|probleme|souci|bug|beug|crash|fige|disparu|disparue|manque|n.arrive pas|arrive pas|refuse|ne s.ouvre)\\b",
      ].join('|'),
    ),
  },
];

/** Category cues (flags fed to the category model; the classifiers do most of the work). */
const CATEGORY_CUES: { id: string; re: RegExp }[] = [
  {
    id: 'prepurchase',
    re: /\b(?:before (?:we |i )?(?:buy|buying|purchas\w*|sign(?:ing)? up|subscrib\w*|commit\w*|deciding)|if we (?:buy|sign|subscribe|take|go with|switch)|not (?:yet )?(?:a )?customers?|are comparing|we.re comparing|considering|thinking (?:about|of) (?:buying|moving|switching)|planning to (?:buy|move)|free trial|is there (?:a|any) trial|trial (?:available|version)|how long is the trial|avant (?:d.acheter|de signer|de souscrire|de s.engager|de nous engager|achat)|si on (?:prend|s.abonne|achete|signe|devient|passe)|pas encore clients?|devenir clients?|devient clients|essai gratuit|version d.essai|tester gratuitement|gratis|periode d.essai)\b/,
  },
  {
    id: 'consumer',
    re: /\b(?:icloud|apple id|instagram|facebook|tiktok|whatsapp|snapchat|netflix|amazon|spotify|ps5|playstation|nintendo|bitcoin|crypto|voiture|car|pneu|tire|train|flight|flights|vol|vols|recipe|recette|calories|weight|poids|gym|vote|meaning of life|what time|quelle heure|what day|quel jour|translate|traduction|traduire|lettre de motivation|chess|echecs|soldes|concert|billets|tickets|lottery|horoscope|banane|banana|egg|oeuf|fac|university|homework|devoirs|ignore (?:all |the )?(?:previous|prior|above) instructions|system prompt|jailbreak|pretend (?:to be|you are)|you are now|ignore tes instructions|oublie (?:tes|les) instructions)\b/,
  },
  {
    id: 'service',
    re: /\b(?:outlook|teams|exchange|sharepoint|onedrive|office|microsoft|m365|o365|365|admin|tenant|licen[cs]es?|mailbox|boite|bal|courriel|email|mail|mails|calendar|calendrier|skype|word|excel|powerpoint|intune|entra|azure|mfa|domain|domaine|subscription|abonnement|planner|forms|bookings|power bi|sync|synchro)\b/,
  },
  {
    id: 'presales',
    re: /\b(?:which|what) (?:plan|licen[cs]e|subscription|edition|version|offer)\b|\bcompar(?:e|ing|ison)\b|\bdifference between\b|\bhow much\b|\bpric(?:e|es|ing)\b|\bcosts?\b|\bbefore (?:we |i )?(?:buy|buying|purchas|sign|commit|subscrib)|\bpartner\b|\bquote\b|\bquel(?:le)?s? (?:forfait|abonnement|plan|offre|licence|edition|version)\b|\bcompar|\bdifference entre\b|\bcombien (?:coute|ca coute|pour|par)\b|\bprix\b|\btarifs?\b|\bavant (?:d.acheter|de souscrire|de signer|de s.engager|de prendre)|\bpartenaire\b|\bdevis\b|\bplans?\b.*\b(?:include|inclu)/,
  },
  {
    id: 'billing',
    re: /\b(?:invoices?|bill|billed|billing|charged?|charges|refund|payment|pay|credit card|debit|renew(?:al)?|cancel|unsubscribe|purchase|buy|vat|tax|receipt|facture|factures|facturation|facture|preleve|prelevement|rembours\w*|paiement|payer|carte (?:bancaire|de credit)|renouvel\w*|resili\w*|annuler|acheter|achat|tva|taxe|recu)\b/,
  },
  { id: 'network', re: /\b(?:firewall|proxy|wi-?fi|vpn|router|switch|isp|bandwidth|network|lan|ethernet|pare-?feu|routeur|reseau|box internet|fai|bande passante|dns server|our dns|notre dns|serveur dns|dns local|local dns|sonicwall|fortinet|fortigate|meraki|palo alto|zscaler|fibre|fiber|internet connection|connexion internet|fournisseur d.acces|access point|borne)\b/ },
  { id: 'scripting', re: /\b(?:script|scripts|vba|vbs|vbscript|macro|macros|javascript|ps1|my code|our code|mon code|notre code|debug|deboguer|debugger|scheduled task|tache planifiee|cmdlet|connect-\w+|get-\w+|set-\w+|new-\w+)\b/ },
  { id: 'developer', re: /\b(?:api|apis|sdk|graph api|app registration|developer|developers|develop|developing|spfx|oauth|webhook|webhooks|developpe\w*|developpeur\w*|enregistrement d.application|my app|our app|mon appli\w*|notre appli\w*|application multi|multi.?tenant|daemon|bot|connector|connecteur|consent|consentement|python|node|\.net|c#|dev|devs|building an? (?:app|add-?in|bot|connector|tab))\b/ },
  { id: 'volume', re: /\b(?:volume licens\w*|vlsc|mak|kms|product key|open license|enterprise agreement|licences? en volume|cle (?:mak|kms|de produit)|contrat open|licence en volume)\b/ },
  { id: 'third', re: /\b(?:third[- ]?party|add-?in|add-?ins|plugin|plug-?in|zoom (?:add-?in|plugin|plug-?in|meetings?|calls?|app|client|integration|links?|rooms?|phone|webinars?)|(?:complement|extension|plugin|in|on|via|from) zoom|salesforce|dropbox|gmail|docusign|adobe|sage|quickbooks|xero|hubspot|tiers|tierce|complement|module externe|extension|mimecast|proofpoint|barracuda|veeam|mailchimp|webex|mailinblack|vade|antispam externe|external (?:mail )?gateway|passerelle|vendor|editeur|google)\b/ },
  { id: 'oos', re: /\b(?:weather|joke|recipe|movie|football|soccer|restaurant|pizza|song|poem|meteo|blague|recette|film|foot|chanson|poeme|horoscope|lottery|loto)\b/ },
];

/** Lower-cased, accent-folded, apostrophes normalised, whitespace collapsed. */
export function foldForCues(text: string): string {
  return foldAccents(text.toLowerCase()).replace(/[’‘ʼ`´]/g, "'").replace(/\s+/g, ' ').trim();
}

export interface CueReport {
  hits: CueId[];
  /** Largest number of people/devices mentioned ("80 mailboxes" -> 80), 0 when none. */
  count: number;
}

/** The severity cues found in a message. */
export function detectCues(text: string): CueReport {
  const s = foldForCues(text);
  const hits: CueId[] = [];
  for (const rule of CUE_RULES) if (rule.re.test(s)) hits.push(rule.id);
  let count = 0;
  COUNT_RE.lastIndex = 0;
  for (const m of s.matchAll(COUNT_RE)) {
    const raw = m[1];
    const n = /^\d+$/.test(raw) ? Number(raw) : NUMBER_WORDS[raw] ?? 0;
    // Years, error codes and the like are not head counts.
    if (n >= 2 && n < 100000 && !(n >= 1990 && n <= 2100)) count = Math.max(count, n);
  }
  if (count >= 2 && !hits.includes('many_users')) hits.push('many_users');
  return { hits, count };
}

function categoryCueFlags(text: string): number[] {
  const s = foldForCues(text);
  return CATEGORY_CUES.map((c) => (c.re.test(s) ? 1 : 0));
}

// =============================================================================================
// Small dense models (level 2): multinomial logistic regression and conditional logit

interface Standardizer {
  mean: number[];
  scale: number[];
}

function fitStandardizer(rows: number[][]): Standardizer {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  if (!rows.length) return { mean, scale };
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += r[j] / rows.length;
  for (let j = 0; j < d; j++) {
    let v = 0;
    for (const r of rows) v += (r[j] - mean[j]) ** 2;
    const sd = Math.sqrt(v / rows.length);
    scale[j] = sd > 1e-9 ? sd : 1;
  }
  return { mean, scale };
}

function standardize(x: number[], s: Standardizer): number[] {
  return x.map((v, j) => (Number.isFinite(v) ? (v - s.mean[j]) / s.scale[j] : 0));
}

/** Multinomial logistic regression: W is C x (d + 1), last column the bias. */
interface SoftmaxModel {
  std: Standardizer;
  w: number[][];
}

function softmax(z: number[]): number[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Full-batch gradient descent with Nesterov momentum on the L2-regularised cross-entropy. */
function fitSoftmax(X: number[][], y: number[], C: number, l2 = 1e-2, iters = 400, weights?: number[]): SoftmaxModel {
  const std = fitStandardizer(X);
  const Z = X.map((x) => [...standardize(x, std), 1]);
  const d = (X[0]?.length ?? 0) + 1;
  const N = Z.length;
  let w = Array.from({ length: C }, () => new Array<number>(d).fill(0));
  let v = Array.from({ length: C }, () => new Array<number>(d).fill(0));
  const lr = 0.5;
  const mu = 0.9;
  const wsum = weights ? weights.reduce((a, b) => a + b, 0) : N;
  for (let it = 0; it < iters; it++) {
    const look = w.map((row, c) => row.map((val, j) => val + mu * v[c][j]));
    const g = Array.from({ length: C }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < N; i++) {
      const x = Z[i];
      const p = softmax(look.map((row) => row.reduce((a, val, j) => a + val * x[j], 0)));
      const wi = (weights ? weights[i] : 1) / wsum;
      for (let c = 0; c < C; c++) {
        const e = (p[c] - (c === y[i] ? 1 : 0)) * wi;
        if (e === 0) continue;
        for (let j = 0; j < d; j++) g[c][j] += e * x[j];
      }
    }
    for (let c = 0; c < C; c++) for (let j = 0; j < d - 1; j++) g[c][j] += l2 * look[c][j];
    v = v.map((row, c) => row.map((val, j) => mu * val - lr * g[c][j]));
    w = w.map((row, c) => row.map((val, j) => val + v[c][j]));
  }
  return { std, w };
}

function predictSoftmax(m: SoftmaxModel, x: number[]): number[] {
  const z = [...standardize(x, m.std), 1];
  return softmax(m.w.map((row) => row.reduce((a, val, j) => a + val * z[j], 0)));
}

/** Conditional logit: one weight vector scores every candidate; softmax over an example's candidates. */
interface RankerModel {
  std: Standardizer;
  w: number[];
}

function fitRanker(groups: { feats: number[][]; gold: number }[], l2 = 1e-3, iters = 400): RankerModel {
  const std = fitStandardizer(groups.flatMap((g) => g.feats));
  const Z = groups.map((g) => g.feats.map((f) => standardize(f, std)));
  const d = groups[0]?.feats[0]?.length ?? 0;
  let w = new Array<number>(d).fill(0);
  let v = new Array<number>(d).fill(0);
  const lr = 0.5;
  const mu = 0.9;
  const N = groups.length || 1;
  for (let it = 0; it < iters; it++) {
    const look = w.map((val, j) => val + mu * v[j]);
    const g = new Array<number>(d).fill(0);
    groups.forEach((grp, i) => {
      const feats = Z[i];
      const p = softmax(feats.map((f) => f.reduce((a, val, j) => a + val * look[j], 0)));
      feats.forEach((f, k) => {
        const e = (p[k] - (k === grp.gold ? 1 : 0)) / N;
        if (e !== 0) for (let j = 0; j < d; j++) g[j] += e * f[j];
      });
    });
    for (let j = 0; j < d; j++) g[j] += l2 * look[j];
    v = v.map((val, j) => mu * val - lr * g[j]);
    w = w.map((val, j) => val + v[j]);
  }
  return { std, w };
}

function scoreRanker(m: RankerModel, feats: number[][]): number[] {
  return softmax(feats.map((f) => standardize(f, m.std).reduce((a, val, j) => a + val * m.w[j], 0)));
}

// =============================================================================================
// Level 1: base outputs of one message

const NONE = '__none__';
const EPS = 1e-4;

const TOPIC_OPTIONS: Partial<ClassifierOptions> = { hidden: 0, minDf: 2, maxChars: MAX_INPUT_CHARS };
const SMALL_OPTIONS: Partial<ClassifierOptions> = { hidden: 0, minDf: 2, maxChars: MAX_INPUT_CHARS };

interface BaseModels {
  topic: TextClassifier;
  category: TextClassifier;
  severity: TextClassifier;
  techSub: TextClassifier;
  boundarySub: TextClassifier;
}

interface SearchCandidate {
  topic: TopicId;
  score: number;
  confidence: number;
}

/** Everything level 2 needs about one message. */
interface BaseOutput {
  lang: Lang;
  topic: Map<string, number>;
  topicRanked: { label: string; probability: number }[];
  category: number[];
  severity: number[];
  techSub: number[];
  boundarySub: number[];
  search: SearchCandidate[];
  cues: CueReport;
  categoryCues: number[];
}

function probsOf(c: TextClassifier, text: string, labels: readonly string[]): number[] {
  const p = c.predict(text);
  const m = new Map(p.ranked.map((r) => [r.label, r.probability]));
  return labels.map((l) => m.get(l) ?? 0);
}

function baseOutput(models: BaseModels, search: ArticleSearch, text: string, lang: Lang): BaseOutput {
  const tp = models.topic.predict(text);
  let hits: SearchCandidate[] = [];
  try {
    hits = search.search(text, lang, 10).map((h) => ({ topic: h.topic, score: h.score, confidence: h.confidence }));
  } catch {
    hits = [];
  }
  return {
    lang,
    topic: new Map(tp.ranked.map((r) => [r.label, r.probability])),
    topicRanked: tp.ranked,
    category: probsOf(models.category, text, CATEGORIES),
    severity: probsOf(models.severity, text, SEVERITIES),
    techSub: probsOf(models.techSub, text, TECHNICAL_SUBCATEGORIES),
    boundarySub: probsOf(models.boundarySub, text, BOUNDARY_SUBCATEGORIES),
    search: hits,
    cues: detectCues(text),
    categoryCues: categoryCueFlags(text),
  };
}

/** Categories a topic may come with (its own, plus what the contract allows in between). */
function allowedCategories(topic: TopicId): Category[] {
  const own = TOPICS[topic].category as Category;
  if (topic === 'billing.trial-signup' || topic === 'support.response-times' || topic === 'support.contact' || topic.startsWith('presales.')) {
    return own === 'presales' ? ['presales'] : [own, 'presales'];
  }
  return [own];
}

const CAT_INDEX = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

// ---- level-2 feature builders ----------------------------------------------------------------

const MAX_TOPIC_CANDIDATES = 12;

function topicCandidates(b: BaseOutput): { topics: TopicId[]; feats: number[][] } {
  const clf = b.topicRanked.filter((r) => r.label !== NONE && isTopicId(r.label)).slice(0, MAX_TOPIC_CANDIDATES);
  const topics: TopicId[] = clf.map((r) => r.label as TopicId);
  for (const h of b.search) if (!topics.includes(h.topic)) topics.push(h.topic);
  const clfRank = new Map(clf.map((r, i) => [r.label, i]));
  const searchRank = new Map(b.search.map((h, i) => [h.topic, i]));
  const top = b.search[0]?.score ?? 0;
  const feats = topics.map((t) => {
    const p = b.topic.get(t) ?? 0;
    const cr = clfRank.get(t);
    const sr = searchRank.get(t);
    const hit = sr !== undefined ? b.search[sr] : undefined;
    const catP = Math.max(...allowedCategories(t).map((c) => b.category[CAT_INDEX.get(c) as number]));
    return [
      Math.log(p + EPS),
      p,
      cr !== undefined ? 1 / (1 + cr) : 0,
      hit && top > 0 ? hit.score / top : 0,
      hit ? hit.confidence : 0,
      sr !== undefined ? 1 / (1 + sr) : 0,
      hit ? 1 : 0,
      Math.log(catP + EPS),
    ];
  });
  return { topics, feats };
}

function categoryFeatures(b: BaseOutput): number[] {
  const mass = new Array<number>(CATEGORIES.length).fill(0);
  for (const [label, p] of b.topic) {
    if (label === NONE || !isTopicId(label)) continue;
    mass[CAT_INDEX.get(TOPICS[label].category as Category) as number] += p;
  }
  const top = b.search[0];
  const searchCat = new Array<number>(CATEGORIES.length).fill(0);
  if (top) searchCat[CAT_INDEX.get(TOPICS[top.topic].category as Category) as number] = top.confidence;
  return [
    ...b.category.map((p) => Math.log(p + EPS)),
    ...mass.map((p) => Math.log(p + EPS)),
    b.topic.get(NONE) ?? 0,
    ...searchCat,
    top?.confidence ?? 0,
    ...b.categoryCues,
  ];
}

const SEVERITY_CUE_IDS: CueId[] = ['everyone', 'many_users', 'service_down', 'urgent', 'single_user', 'partial', 'workaround', 'howto', 'minimal', 'problem'];

function severityFeatures(b: BaseOutput, text: string): number[] {
  const hits = new Set(b.cues.hits);
  return [
    ...b.severity.map((p) => Math.log(p + EPS)),
    ...SEVERITY_CUE_IDS.map((id) => (hits.has(id) ? 1 : 0)),
    Math.log1p(b.cues.count),
    b.cues.count >= 10 ? 1 : 0,
    /\?\s*$/.test(text.trim()) ? 1 : 0,
    // Interactions a linear model cannot form: "everyone" in a problem is critical, in a how-to not.
    hits.has('everyone') && !hits.has('howto') ? 1 : 0,
    (hits.has('everyone') || hits.has('many_users')) && (hits.has('problem') || hits.has('service_down')) ? 1 : 0,
    hits.has('service_down') && !hits.has('howto') ? 1 : 0,
    hits.has('howto') && !hits.has('problem') ? 1 : 0,
    Math.log1p(text.split(/\s+/).filter(Boolean).length),
  ];
}

function techSubFeatures(b: BaseOutput, q: Map<TopicId, number>): number[] {
  const mass = [0, 0, 0];
  for (const [t, p] of q) {
    const def = TOPICS[t];
    if (def.category !== 'technical') continue;
    mass[TECHNICAL_SUBCATEGORIES.indexOf(def.subcategory as TechnicalSubcategory)] += p;
  }
  return [...b.techSub.map((p) => Math.log(p + EPS)), ...mass.map((p) => Math.log(p + EPS))];
}

function boundarySubFeatures(b: BaseOutput, q: Map<TopicId, number>): number[] {
  const mass = [0, 0, 0, 0, 0];
  for (const [t, p] of q) {
    const def = TOPICS[t];
    if (def.category !== 'boundary') continue;
    mass[BOUNDARY_SUBCATEGORIES.indexOf(def.subcategory as BoundarySubcategory)] += p;
  }
  return [...b.boundarySub.map((p) => Math.log(p + EPS)), ...mass.map((p) => Math.log(p + EPS))];
}

function offerFeatures(b: BaseOutput, ranked: { topic: TopicId; p: number }[], catP: number[]): number[] {
  const top = ranked[0];
  if (!top) return [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const second = ranked[1]?.p ?? 0;
  const hit = b.search.find((h) => h.topic === top.topic);
  const allowedP = Math.max(...allowedCategories(top.topic).map((c) => catP[CAT_INDEX.get(c) as number]));
  return [
    Math.log(top.p + EPS),
    top.p - second,
    b.topic.get(NONE) ?? 0,
    Math.log((b.topic.get(top.topic) ?? 0) + EPS),
    hit ? hit.confidence : 0,
    b.search[0]?.topic === top.topic ? 1 : 0,
    catP[CAT_INDEX.get('out-of-scope') as number],
    Math.log(allowedP + EPS),
    b.search[0]?.confidence ?? 0,
  ];
}

// =============================================================================================
// Level 2 as a whole

interface Level2 {
  ranker: RankerModel;
  category: SoftmaxModel;
  severity: SoftmaxModel;
  techSub: SoftmaxModel;
  boundarySub: SoftmaxModel;
  offer: SoftmaxModel;
  offerThreshold: number;
}

interface Decision {
  ranked: { topic: TopicId; p: number }[];
  catP: number[];
  category: Category;
  offerP: number;
  confidentTopic: TopicId | null;
  subcategory: Subcategory | null;
  subP: number;
  severity: Severity | null;
  sevP: number;
  sevProbs: number[];
}

function rankTopics(l2: Pick<Level2, 'ranker'>, b: BaseOutput): { topic: TopicId; p: number }[] {
  const { topics, feats } = topicCandidates(b);
  if (!topics.length) return [];
  const p = scoreRanker(l2.ranker, feats);
  return topics.map((t, i) => ({ topic: t, p: p[i] })).sort((a, c) => c.p - a.p || (a.topic < c.topic ? -1 : 1));
}

function decide(l2: Level2, b: BaseOutput, text: string): Decision {
  let ranked = rankTopics(l2, b);
  const catP = predictSoftmax(l2.category, categoryFeatures(b));
  let ci = 0;
  for (let i = 1; i < catP.length; i++) if (catP[i] > catP[ci]) ci = i;
  const category = CATEGORIES[ci];
  // Keep the topic list consistent with the category: compatible topics first (stable).
  if (category !== 'out-of-scope') {
    const ok = ranked.filter((r) => allowedCategories(r.topic).includes(category));
    const other = ranked.filter((r) => !allowedCategories(r.topic).includes(category));
    ranked = [...ok, ...other];
  }
  const offerP = ranked.length ? predictSoftmax(l2.offer, offerFeatures(b, ranked, catP))[1] : 0;
  const top = ranked[0];
  const confidentTopic =
    top && category !== 'out-of-scope' && offerP >= l2.offerThreshold && allowedCategories(top.topic).includes(category) ? top.topic : null;
  const q = new Map(ranked.map((r) => [r.topic, r.p]));
  let subcategory: Subcategory | null = null;
  let subP = catP[ci];
  if (category === 'technical') {
    const p = predictSoftmax(l2.techSub, techSubFeatures(b, q));
    const def = confidentTopic ? TOPICS[confidentTopic] : null;
    if (def && def.category === 'technical') {
      subcategory = def.subcategory as Subcategory;
      subP = Math.max(offerP, p[TECHNICAL_SUBCATEGORIES.indexOf(subcategory as TechnicalSubcategory)]);
    } else {
      let k = 0;
      for (let i = 1; i < p.length; i++) if (p[i] > p[k]) k = i;
      subcategory = TECHNICAL_SUBCATEGORIES[k];
      subP = p[k];
    }
  } else if (category === 'boundary') {
    const p = predictSoftmax(l2.boundarySub, boundarySubFeatures(b, q));
    let k = 0;
    for (let i = 1; i < p.length; i++) if (p[i] > p[k]) k = i;
    subcategory = BOUNDARY_SUBCATEGORIES[k];
    subP = p[k];
  }
  let severity: Severity | null = null;
  let sevP = catP[ci];
  let sevProbs = [0, 0, 0];
  if (category === 'technical') {
    sevProbs = predictSoftmax(l2.severity, severityFeatures(b, text));
    let k = 0;
    for (let i = 1; i < 3; i++) if (sevProbs[i] > sevProbs[k]) k = i;
    severity = SEVERITIES[k];
    sevP = sevProbs[k];
  }
  return { ranked, catP, category, offerP, confidentTopic, subcategory, subP, severity, sevP, sevProbs };
}

/** Reasons of a severity level: the cues of that level found in the message, else a default. */
export function severityReasons(level: Severity, cues: CueReport, lang: Lang): string[] {
  const hits = new Set(cues.hits);
  const own = LEVEL_CUES[level].filter((id) => hits.has(id));
  // "one person affected" explains C only when nothing else does.
  const chosen = level === 'C' && own.length > 1 ? own.filter((id) => id !== 'single_user') : own;
  const reasons = chosen.map((id) => CUE_REASONS[id][lang]);
  return reasons.length ? reasons : [DEFAULT_REASONS[level][lang]];
}

// =============================================================================================
// Training

/** Deterministic fold of each example, stratified by (lang, category, topic). */
function assignFolds(examples: TriageExample[], K: number): number[] {
  const order = examples.map((e, i) => ({ i, key: `${e.lang}|${e.category}|${e.topic ?? ''}|${e.severity ?? ''}` }));
  order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const fold = new Array<number>(examples.length);
  order.forEach((o, r) => (fold[o.i] = r % K));
  return fold;
}

export function articleTopicExamples(articles: Article[]): LabelledText[] {
  return articles.flatMap((a) => [a.title, a.summary, ...a.phrasings, a.keywords.join(', ')].map((text) => ({ text, label: a.id })));
}

export function languageSamples(examples: { text: string; lang: Lang }[], articles: Article[]): LanguageSample[] {
  return [
    ...examples.map((e) => ({ text: e.text, lang: e.lang })),
    ...articles.flatMap((a) => [a.title, a.summary, ...a.phrasings, a.keywords.join(', '), a.checkFirst, ...a.steps, a.whenToEscalate].map((text) => ({ text, lang: a.lang }))),
  ];
}

function trainBase(examples: TriageExample[], articles: Article[]): BaseModels {
  const tech = examples.filter((e) => e.category === 'technical');
  const bound = examples.filter((e) => e.category === 'boundary');
  return {
    topic: TextClassifier.train([...examples.map((e) => ({ text: e.text, label: e.topic ?? NONE })), ...articleTopicExamples(articles)], TOPIC_OPTIONS),
    category: TextClassifier.train(examples.map((e) => ({ text: e.text, label: e.category })), SMALL_OPTIONS),
    severity: TextClassifier.train(tech.map((e) => ({ text: e.text, label: e.severity ?? 'C' })), SMALL_OPTIONS),
    techSub: TextClassifier.train(tech.map((e) => ({ text: e.text, label: e.subcategory ?? 'usage' })), SMALL_OPTIONS),
    boundarySub: TextClassifier.train(bound.map((e) => ({ text: e.text, label: e.subcategory ?? 'network' })), SMALL_OPTIONS),
  };
}

interface OofRow {
  e: TriageExample;
  b: BaseOutput;
  detected: Lang;
  fold: number;
}

function fitLevel2(rows: OofRow[], offerThreshold = 0.5): Level2 {
  const rankerGroups: { feats: number[][]; gold: number }[] = [];
  for (const r of rows) {
    if (!r.e.topic) continue;
    const { topics, feats } = topicCandidates(r.b);
    const gold = topics.indexOf(r.e.topic);
    if (gold >= 0) rankerGroups.push({ feats, gold });
  }
  const ranker = fitRanker(rankerGroups);
  const category = fitSoftmax(
    rows.map((r) => categoryFeatures(r.b)),
    rows.map((r) => CAT_INDEX.get(r.e.category) as number),
    CATEGORIES.length,
  );
  const tech = rows.filter((r) => r.e.category === 'technical');
  const severity = fitSoftmax(
    tech.map((r) => severityFeatures(r.b, r.e.text)),
    tech.map((r) => SEVERITIES.indexOf(r.e.severity ?? 'C')),
    3,
  );
  const l2partial = { ranker };
  const qOf = (r: OofRow) => new Map(rankTopics(l2partial, r.b).map((x) => [x.topic, x.p]));
  const techSub = fitSoftmax(
    tech.map((r) => techSubFeatures(r.b, qOf(r))),
    tech.map((r) => TECHNICAL_SUBCATEGORIES.indexOf((r.e.subcategory ?? 'usage') as TechnicalSubcategory)),
    3,
  );
  const bound = rows.filter((r) => r.e.category === 'boundary');
  const boundarySub = fitSoftmax(
    bound.map((r) => boundarySubFeatures(r.b, qOf(r))),
    bound.map((r) => BOUNDARY_SUBCATEGORIES.indexOf((r.e.subcategory ?? 'network') as BoundarySubcategory)),
    5,
  );
  // Offer model: is the (category-consistent) top topic the labelled one?
  const offerX: number[][] = [];
  const offerY: number[] = [];
  for (const r of rows) {
    const catP = predictSoftmax(category, categoryFeatures(r.b));
    const ranked = rankTopics(l2partial, r.b);
    if (!ranked.length) continue;
    offerX.push(offerFeatures(r.b, ranked, catP));
    offerY.push(r.e.topic !== null && ranked[0].topic === r.e.topic ? 1 : 0);
  }
  const offer = fitSoftmax(offerX, offerY, 2);
  return { ranker, category, severity, techSub, boundarySub, offer, offerThreshold };
}

/** Largest threshold-free choice: the smallest t whose null false-offer rate is <= target. */
function chooseOfferThreshold(samples: { offerP: number; nullTopic: boolean; correct: boolean; allowed: boolean }[], target: number): number {
  const nulls = samples.filter((s) => s.nullTopic && s.allowed);
  const nNull = samples.filter((s) => s.nullTopic).length || 1;
  const candidates = [...new Set(samples.map((s) => s.offerP))].sort((a, b) => a - b);
  for (const t of candidates) {
    const fo = nulls.filter((s) => s.offerP >= t).length / nNull;
    if (fo <= target) return t;
  }
  return 1;
}

const OFFER_TARGET = 0.06;

// =============================================================================================
// Serialisation

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be a base64 string');

/** A classifier with its big weight matrices stored as int8 with one scale per row. */
const packedArraySchema = z.object({ rowLen: z.number().int().positive(), q: b64, s: b64 });
const packedClassifierSchema = z.object({
  json: z.record(z.string(), z.unknown()),
  packed: z.array(z.record(z.string(), packedArraySchema)),
});
type PackedClassifier = z.infer<typeof packedClassifierSchema>;

function quantize(f32b64: string, rowLen: number): z.infer<typeof packedArraySchema> {
  const buf = Buffer.from(f32b64, 'base64');
  const arr = new Float32Array(buf.byteLength / 4);
  new Uint8Array(arr.buffer).set(buf);
  const rows = Math.ceil(arr.length / rowLen);
  const q = new Int8Array(arr.length);
  const s = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = r * rowLen; j < Math.min(arr.length, (r + 1) * rowLen); j++) max = Math.max(max, Math.abs(arr[j]));
    const scale = max > 0 ? max / 127 : 1;
    s[r] = scale;
    for (let j = r * rowLen; j < Math.min(arr.length, (r + 1) * rowLen); j++) q[j] = Math.round(arr[j] / scale);
  }
  return { rowLen, q: Buffer.from(q.buffer).toString('base64'), s: Buffer.from(s.buffer).toString('base64') };
}

function dequantize(p: z.infer<typeof packedArraySchema>): string {
  const qb = Buffer.from(p.q, 'base64');
  const q = new Int8Array(qb.buffer, qb.byteOffset, qb.byteLength);
  const sb = Buffer.from(p.s, 'base64');
  if (sb.byteLength % 4 !== 0) throw new Error('Invalid triage model: a scale array is not a whole number of floats');
  const s = new Float32Array(sb.byteLength / 4);
  new Uint8Array(s.buffer).set(sb);
  if (s.length !== Math.ceil(q.length / p.rowLen)) throw new Error('Invalid triage model: scale count does not match the weights');
  const out = new Float32Array(q.length);
  for (let j = 0; j < q.length; j++) out[j] = q[j] * s[Math.floor(j / p.rowLen)];
  return Buffer.from(out.buffer).toString('base64');
}

function packClassifier(c: TextClassifier): PackedClassifier {
  const json = c.toJSON() as unknown as Record<string, unknown> & { labels: string[]; options: { hidden: number }; members: Record<string, string>[] };
  const C = json.labels.length;
  const H = json.options.hidden;
  const packed = json.members.map((m) => {
    const out: Record<string, z.infer<typeof packedArraySchema>> = {};
    if (m.w1) out.w1 = quantize(m.w1, H);
    out.w2 = quantize(m.w2, C);
    return out;
  });
  const members = json.members.map((m) => {
    const rest = { ...m };
    delete rest.w1;
    delete rest.w2;
    return rest;
  });
  return { json: { ...json, members }, packed };
}

function unpackClassifier(p: PackedClassifier, name: string): TextClassifier {
  const members = (Array.isArray(p.json.members) ? p.json.members : []) as Record<string, unknown>[];
  if (members.length !== p.packed.length) throw new Error(`Invalid triage model: ${name}: ${members.length} members but ${p.packed.length} packed weight sets`);
  const full = {
    ...p.json,
    members: members.map((m, i) => {
      const out: Record<string, unknown> = { ...m };
      for (const [k, v] of Object.entries(p.packed[i])) out[k] = dequantize(v);
      return out;
    }),
  };
  try {
    return TextClassifier.fromJSON(full);
  } catch (e) {
    throw new Error(`Invalid triage model: ${name}: ${(e as Error).message}`);
  }
}

const standardizerSchema = z.object({ mean: z.array(z.number()), scale: z.array(z.number()) });
const softmaxSchema = z.object({ std: standardizerSchema, w: z.array(z.array(z.number())) });
const rankerSchema = z.object({ std: standardizerSchema, w: z.array(z.number()) });

const articleSchema = z.object({
  id: z.string(),
  lang: z.enum(['en', 'fr']),
  title: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  phrasings: z.array(z.string()),
  checkFirst: z.string(),
  steps: z.array(z.string()),
  whenToEscalate: z.string(),
});

const reportLangSchema = z.object({
  n: z.number(),
  lang: z.number(),
  category: z.number(),
  subcategory: z.number(),
  severity: z.number(),
  topic_r1: z.number(),
  topic_r3: z.number(),
  topic_mrr10: z.number(),
  null_false_offer: z.number(),
  offer_correct: z.number(),
  offer_wrong: z.number(),
  components: z.unknown().optional(),
});

const reportSchema = reportLangSchema.extend({
  folds: z.number(),
  offerThreshold: z.number(),
  by_lang: z.object({ en: reportLangSchema, fr: reportLangSchema }),
  components: z.object({
    topic_classifier_r1: z.number(),
    topic_search_r1: z.number(),
    category_classifier: z.number(),
    severity_classifier: z.number(),
  }),
});

export const TRIAGE_MODEL_FORMAT = 'triage-model';
export const TRIAGE_MODEL_VERSION = 1;

const modelSchema = z.object({
  format: z.literal(TRIAGE_MODEL_FORMAT),
  version: z.literal(TRIAGE_MODEL_VERSION),
  dataHash: z.string(),
  trainedOn: z.object({ examples: z.number().int(), articles: z.number().int() }),
  report: reportSchema.nullable(),
  language: z.unknown(),
  classifiers: z.object({
    topic: packedClassifierSchema,
    category: packedClassifierSchema,
    severity: packedClassifierSchema,
    techSub: packedClassifierSchema,
    boundarySub: packedClassifierSchema,
  }),
  level2: z.object({
    ranker: rankerSchema,
    category: softmaxSchema,
    severity: softmaxSchema,
    techSub: softmaxSchema,
    boundarySub: softmaxSchema,
    offer: softmaxSchema,
    offerThreshold: z.number().min(0).max(1),
  }),
  articles: z.array(articleSchema),
});

export type SerializedTriageModel = z.infer<typeof modelSchema>;

// =============================================================================================
// The model

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

export class TriageModel {
  readonly language: LanguageDetector;
  private readonly search: ArticleSearch;
  private readonly titles: Map<string, string>;

  private constructor(
    private readonly base: BaseModels,
    private readonly l2: Level2,
    language: LanguageDetector,
    private readonly articles: Article[],
    readonly dataHash: string,
    readonly report: CrossValidationReport | null,
  ) {
    this.language = language;
    this.search = buildArticleIndex(articles);
    this.titles = new Map(articles.map((a) => [`${a.lang}|${a.id}`, a.title]));
  }

  /** Cross-validated figures measured when the model was trained (null if trained without). */
  get crossValidation(): CrossValidationReport | null {
    return this.report;
  }

  get offerThreshold(): number {
    return this.l2.offerThreshold;
  }

  /**
   * Trains every part from labelled utterances and the articles: out-of-fold level-1 outputs
   * (K-fold), level-2 models on them, their own cross-validation (figures in `crossValidation`,
   * offer threshold), then the final level-1 models on all the data.
   */
  static train(data: TriageTrainingData, options: TriageTrainOptions = {}): TriageModel {
    const log = options.log ?? (() => undefined);
    const K = Math.max(2, options.folds ?? 5);
    const examples = data.examples.filter((e) => e && typeof e.text === 'string' && e.text.trim().length > 0);
    if (examples.length < K * 4) throw new Error(`TriageModel.train: need at least ${K * 4} examples, got ${examples.length}`);
    const articles = data.articles;
    const fold = assignFolds(examples, K);
    const oof: OofRow[] = new Array(examples.length);
    const search = buildArticleIndex(articles);
    for (let k = 0; k < K; k++) {
      const trainIdx = examples.map((_, i) => i).filter((i) => fold[i] !== k);
      const testIdx = examples.map((_, i) => i).filter((i) => fold[i] === k);
      log(`fold ${k + 1}/${K}: training level-1 models on ${trainIdx.length} utterances ...`);
      const train = trainIdx.map((i) => examples[i]);
      const base = trainBase(train, articles);
      const lang = LanguageDetector.train(languageSamples(train, articles));
      for (const i of testIdx) {
        const e = examples[i];
        const text = prepareText(e.text);
        const detected = lang.detect(text).lang;
        oof[i] = { e, b: baseOutput(base, search, text, detected), detected, fold: k };
      }
    }
    log('level 2: cross-validating on the out-of-fold outputs ...');
    const report = crossValidateLevel2(oof, K);
    log(`level 2: offer threshold ${report.offerThreshold.toFixed(3)}; training on all ${examples.length} utterances ...`);
    const l2 = fitLevel2(oof, report.offerThreshold);
    const base = trainBase(examples, articles);
    const language = LanguageDetector.train(languageSamples(examples, articles));
    return new TriageModel(base, l2, language, articles, data.dataHash ?? '', report);
  }

  // ---- analysis ------------------------------------------------------------------------------

  analyze(text: string, opts: AnalyzeOptions = {}): TriageResult {
    const fallback: Lang = opts.fallbackLang === 'fr' ? 'fr' : 'en';
    let clean = '';
    try {
      clean = prepareText(typeof text === 'string' ? text : text == null ? '' : String(text));
    } catch {
      clean = '';
    }
    try {
      return this.analyzeClean(clean, fallback);
    } catch {
      return emptyResult(fallback, 0.5);
    }
  }

  private analyzeClean(clean: string, fallback: Lang): TriageResult {
    const detected = this.language.detect(clean, fallback);
    const lang = detected.lang;
    // Nothing to read (empty, emoji, punctuation, numbers only): a defined low-confidence answer.
    if (!/\p{L}/u.test(clean)) return emptyResult(lang, detected.confidence);
    const b = baseOutput(this.base, this.search, clean, lang);
    const d = decide(this.l2, b, clean);
    let { category, confidentTopic, subcategory, severity } = d;
    let catProb = d.catP[CAT_INDEX.get(category) as number];
    // Another language entirely: we cannot read it; low confidence, no article.
    let confidenceScale = 1;
    if (!detected.reliable && this.language.isForeign(clean)) {
      confidenceScale = 0.3;
      category = 'out-of-scope';
      catProb = Math.min(catProb, 0.5);
      confidentTopic = null;
      subcategory = null;
      severity = null;
    }
    const top = d.ranked[0]?.p ?? 1;
    // Confidence: the offer model's for the first hit, scaled down by relative score below it
    // (never above a hit ranked before it, also when the category moved compatible topics first).
    let previous = Infinity;
    const topics: TopicHit[] = d.ranked.slice(0, 10).map((r) => {
      const confidence = Math.min(previous, top > 0 ? (confidenceScale * d.offerP * Math.min(r.p, top)) / top : 0);
      previous = confidence;
      return {
        topic: r.topic,
        title: this.titles.get(`${lang}|${r.topic}`) ?? this.titles.get(`en|${r.topic}`) ?? r.topic,
        score: r.p,
        confidence,
      };
    });
    const reasons = severity ? severityReasons(severity, b.cues, lang) : [];
    return {
      lang,
      langConfidence: detected.confidence,
      category: { label: category, probability: catProb },
      subcategory: { label: subcategory, probability: subcategory ? d.subP : catProb },
      severity: { label: severity, probability: severity ? d.sevP : catProb, reasons },
      topics,
      confidentTopic,
    };
  }

  // ---- serialisation -------------------------------------------------------------------------

  toJSON(): SerializedTriageModel {
    return {
      format: TRIAGE_MODEL_FORMAT,
      version: TRIAGE_MODEL_VERSION,
      dataHash: this.dataHash,
      trainedOn: { examples: this.report?.n ?? 0, articles: this.articles.length },
      report: this.report,
      language: this.language.toJSON(),
      classifiers: {
        topic: packClassifier(this.base.topic),
        category: packClassifier(this.base.category),
        severity: packClassifier(this.base.severity),
        techSub: packClassifier(this.base.techSub),
        boundarySub: packClassifier(this.base.boundarySub),
      },
      level2: {
        ranker: this.l2.ranker,
        category: this.l2.category,
        severity: this.l2.severity,
        techSub: this.l2.techSub,
        boundarySub: this.l2.boundarySub,
        offer: this.l2.offer,
        offerThreshold: this.l2.offerThreshold,
      },
      articles: this.articles.map((a) => ({
        id: a.id,
        lang: a.lang,
        title: a.title,
        summary: a.summary,
        keywords: a.keywords,
        phrasings: a.phrasings,
        checkFirst: a.checkFirst,
        steps: a.steps,
        whenToEscalate: a.whenToEscalate,
      })),
    };
  }

  static fromJSON(data: unknown): TriageModel {
    const parsed = modelSchema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
        .join('; ');
      throw new Error(`Invalid triage model: ${issues}`);
    }
    const d = parsed.data;
    const base: BaseModels = {
      topic: unpackClassifier(d.classifiers.topic, 'topic'),
      category: unpackClassifier(d.classifiers.category, 'category'),
      severity: unpackClassifier(d.classifiers.severity, 'severity'),
      techSub: unpackClassifier(d.classifiers.techSub, 'techSub'),
      boundarySub: unpackClassifier(d.classifiers.boundarySub, 'boundarySub'),
    };
    checkSoftmax(d.level2.category, CATEGORIES.length, 'category');
    checkSoftmax(d.level2.severity, 3, 'severity');
    checkSoftmax(d.level2.techSub, 3, 'techSub');
    checkSoftmax(d.level2.boundarySub, 5, 'boundarySub');
    checkSoftmax(d.level2.offer, 2, 'offer');
    if (d.level2.ranker.w.length !== d.level2.ranker.std.mean.length) throw new Error('Invalid triage model: ranker weights do not match its features');
    const articles: Article[] = d.articles.map((a) => {
      if (!isTopicId(a.id)) throw new Error(`Invalid triage model: unknown article topic "${a.id}"`);
      const def = TOPICS[a.id];
      return {
        ...a,
        id: a.id,
        category: def.category as Category,
        subcategory: def.subcategory as Subcategory | null,
        body: [a.checkFirst, a.steps.join('\n'), a.whenToEscalate].join('\n\n'),
        file: '(triage model)',
      };
    });
    let language: LanguageDetector;
    try {
      language = LanguageDetector.fromJSON(d.language);
    } catch (e) {
      throw new Error(`Invalid triage model: ${(e as Error).message}`);
    }
    return new TriageModel(base, d.level2, language, articles, d.dataHash, (d.report as CrossValidationReport | null) ?? null);
  }
}

function checkSoftmax(m: SoftmaxModel, C: number, name: string): void {
  const d = m.std.mean.length + 1;
  if (m.w.length !== C || m.w.some((row) => row.length !== d) || m.std.scale.length !== m.std.mean.length) {
    throw new Error(`Invalid triage model: level-2 ${name} model has the wrong shape`);
  }
}

function emptyResult(lang: Lang, langConfidence: number): TriageResult {
  return {
    lang,
    langConfidence,
    category: { label: 'out-of-scope', probability: 0.2 },
    subcategory: { label: null, probability: 0.2 },
    severity: { label: null, probability: 0.2, reasons: [] },
    topics: [],
    confidentTopic: null,
  };
}

// =============================================================================================
// Cross-validation of level 2 (on out-of-fold level-1 outputs) and the offer threshold

interface ScoredLine {
  lang: Lang;
  expect: TriageExample;
  detected: Lang;
  category: Category;
  subcategory: Subcategory | null;
  severity: Severity | null;
  ranked: TopicId[];
  confidentTopic: TopicId | null;
}

function crossValidateLevel2(oof: OofRow[], K: number): CrossValidationReport {
  const decisions: { r: OofRow; d: Decision }[] = [];
  for (let k = 0; k < K; k++) {
    const l2 = fitLevel2(oof.filter((r) => r.fold !== k));
    for (const r of oof.filter((x) => x.fold === k)) decisions.push({ r, d: decide(l2, r.b, r.e.text) });
  }
  const samples = decisions.map(({ r, d }) => ({
    offerP: d.offerP,
    nullTopic: r.e.topic === null,
    correct: r.e.topic !== null && d.ranked[0]?.topic === r.e.topic,
    allowed: d.category !== 'out-of-scope' && !!d.ranked[0] && allowedCategories(d.ranked[0].topic).includes(d.category),
  }));
  const threshold = chooseOfferThreshold(samples, OFFER_TARGET);
  const lines: ScoredLine[] = decisions.map(({ r, d }, i) => ({
    lang: r.e.lang,
    expect: r.e,
    detected: r.detected,
    category: d.category,
    subcategory: recomputeSub(d, samples[i].allowed && d.offerP >= threshold),
    severity: d.severity,
    ranked: d.ranked.map((x) => x.topic),
    confidentTopic: samples[i].allowed && d.offerP >= threshold ? d.ranked[0].topic : null,
  }));
  const summarize = (ls: ScoredLine[]) => {
    const m = scoreLines(ls);
    return { n: ls.length, ...m };
  };
  const all = summarize(lines);
  const compTopic = oof.filter((r) => r.e.topic);
  const mean = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);
  const argmax = (p: number[]) => p.reduce((bi, v, i) => (v > p[bi] ? i : bi), 0);
  return {
    folds: K,
    ...all,
    offerThreshold: threshold,
    by_lang: { en: summarize(lines.filter((l) => l.lang === 'en')), fr: summarize(lines.filter((l) => l.lang === 'fr')) },
    components: {
      topic_classifier_r1: mean(compTopic.map((r) => r.b.topicRanked.find((x) => x.label !== NONE)?.label === r.e.topic)),
      topic_search_r1: mean(compTopic.map((r) => r.b.search[0]?.topic === r.e.topic)),
      category_classifier: mean(oof.map((r) => CATEGORIES[argmax(r.b.category)] === r.e.category)),
      severity_classifier: mean(oof.filter((r) => r.e.category === 'technical').map((r) => SEVERITIES[argmax(r.b.severity)] === r.e.severity)),
    },
  };
}

/** The subcategory a decision gets once the offer threshold is known. */
function recomputeSub(d: Decision, offered: boolean): Subcategory | null {
  if (d.category !== 'technical') return d.subcategory;
  const top = d.ranked[0]?.topic;
  if (offered && top && TOPICS[top].category === 'technical') return TOPICS[top].subcategory as Subcategory;
  return d.subcategory;
}

/** The contract's figures over scored lines (used by the cross-validation; eval.ts has its own). */
function scoreLines(ls: ScoredLine[]): Omit<CrossValidationReport, 'folds' | 'by_lang' | 'offerThreshold' | 'components' | 'n'> {
  const acc = (f: (l: ScoredLine) => boolean, filter: (l: ScoredLine) => boolean = () => true) => {
    const xs = ls.filter(filter);
    return xs.length ? xs.filter(f).length / xs.length : 0;
  };
  const topical = ls.filter((l) => l.expect.topic !== null);
  const rank = (l: ScoredLine) => l.ranked.slice(0, 10).indexOf(l.expect.topic as TopicId);
  const mrr = topical.length ? topical.reduce((s, l) => s + (rank(l) >= 0 ? 1 / (rank(l) + 1) : 0), 0) / topical.length : 0;
  return {
    lang: acc((l) => l.detected === l.expect.lang),
    category: acc((l) => l.category === l.expect.category),
    subcategory: acc((l) => l.subcategory === l.expect.subcategory),
    severity: acc((l) => l.severity === l.expect.severity),
    topic_r1: acc((l) => rank(l) === 0, (l) => l.expect.topic !== null),
    topic_r3: acc((l) => rank(l) >= 0 && rank(l) < 3, (l) => l.expect.topic !== null),
    topic_mrr10: mrr,
    null_false_offer: acc((l) => l.confidentTopic !== null, (l) => l.expect.topic === null),
    offer_correct: acc((l) => l.confidentTopic === l.expect.topic, (l) => l.expect.topic !== null),
    offer_wrong: acc((l) => l.confidentTopic !== null && l.confidentTopic !== l.expect.topic, (l) => l.expect.topic !== null),
  };
}

// =============================================================================================
// Files (the only I/O of this module)

export const DEFAULT_TRIAGE_MODEL_PATH = path.join(__dirname, 'model', 'triage-model.json');

export function loadTriageModel(file: string = DEFAULT_TRIAGE_MODEL_PATH): TriageModel {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the triage model ${file}: ${(e as Error).message} (run the "train" command)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new Error(`Invalid triage model ${file}: not JSON (${(e as Error).message})`);
  }
  return TriageModel.fromJSON(data);
}

export function saveTriageModel(model: TriageModel, file: string = DEFAULT_TRIAGE_MODEL_PATH): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(model.toJSON()) + '\n');
}

export { TOPIC_IDS };

/** Internals, for experiments and tests only (not a stable API). */
export const __triageInternals = { categoryCueFlags, assignFolds, trainBase, baseOutput, fitLevel2, decide, crossValidateLevel2, allowedCategories };
