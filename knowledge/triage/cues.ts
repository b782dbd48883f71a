/** Transparent cue detectors over a message: severity cues, head counts, category cue flags. */
import { foldAccents } from '../text';

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

export function categoryCueFlags(text: string): number[] {
  const s = foldForCues(text);
  return CATEGORY_CUES.map((c) => (c.re.test(s) ? 1 : 0));
}
