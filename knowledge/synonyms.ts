/**
 * Domain synonym lexicon (Microsoft 365 support, English and French, and across the two).
 *
 * Each group lists interchangeable words or phrases. A member may be tagged `en:` or `fr:` when it
 * belongs to one language only; untagged members (product names, acronyms) belong to both.
 * Any member found in a query triggers the group (a French user typing "password" triggers the
 * password group), but only members of the query's language are added to the query, analysed with
 * that language's analyser: the French query "password" is expanded with "mot de passe" and "mdp",
 * never with English words that would not appear in French articles.
 *
 * Expansion terms weigh less than the user's own words (see `SYNONYM_WEIGHT` in search.ts).
 * Groups should contain true equivalents for support questions, not merely related words.
 */
import { analyze, type Lang } from './text';

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // --- Mail and mailboxes
  ['en:email', 'en:e-mail', 'mail', 'en:mails', 'en:emails', 'fr:courriel', 'fr:mél', 'fr:mel', 'fr:courrier électronique', 'fr:mails'],
  ['en:mailbox', 'fr:boîte aux lettres', 'fr:boîte mail', 'fr:boîte', 'fr:bal', 'fr:boîte email', 'fr:boîte de messagerie'],
  ['en:inbox', 'fr:boîte de réception'],
  ['en:shared mailbox', 'fr:boîte partagée', 'fr:boîte aux lettres partagée', 'fr:bal partagée', 'fr:boîte mail partagée'],
  ['en:forward', 'en:forwarding', 'en:redirect', 'en:auto-forward', 'fr:transférer', 'fr:transfert', 'fr:rediriger', 'fr:redirection'],
  ['en:junk', 'spam', 'en:junk mail', 'fr:courrier indésirable', 'fr:indésirable', 'fr:indésirables', 'fr:pourriel'],
  ['en:quarantine', 'en:quarantined', 'fr:quarantaine'],
  ['en:bounce', 'en:bounced', 'ndr', 'en:non-delivery report', 'en:undeliverable', 'en:delivery failure', 'fr:non remis', 'fr:message non remis', "fr:notification d'échec", 'fr:rejeté'],
  ['en:send', 'en:sending', 'fr:envoyer', 'fr:envoi'],
  ['en:receive', 'en:receiving', 'en:incoming', 'fr:recevoir', 'fr:réception', 'fr:reçois'],
  ['en:delay', 'en:delayed', 'en:late', 'fr:retard', 'fr:en retard', 'fr:retardé'],
  ['en:quota', 'en:storage limit', 'fr:quota', 'fr:limite de stockage'],
  ['en:storage', 'en:space', 'fr:stockage', 'fr:espace'],
  ['en:full', 'fr:plein', 'fr:pleine', 'fr:saturé', 'fr:saturée'],
  ['en:archive', 'en:archiving', 'fr:archive', 'fr:archivage', 'fr:archiver'],
  ['en:migrate', 'en:migration', 'en:cutover', 'fr:migrer', 'fr:migration', 'fr:basculer', 'fr:bascule'],
  ['en:send as', 'en:send on behalf', 'fr:envoyer en tant que', 'fr:envoyer de la part de', 'fr:envoyer au nom de'],
  ['en:full access', 'fr:accès total', 'fr:accès complet', 'fr:contrôle total'],
  ['autodiscover', 'en:auto discover', 'en:autodiscovery', 'fr:découverte automatique'],
  ['en:contact', 'en:contacts', 'fr:contact', 'fr:contacts'],
  ['en:address book', 'fr:carnet d\'adresses', 'gal', 'en:global address list', 'fr:liste d\'adresses globale'],
  ['en:calendar', 'fr:calendrier', 'fr:agenda'],
  ['en:delegate', 'en:delegation', 'fr:délégué', 'fr:délégation', 'fr:déléguer'],
  ['en:attachment', 'fr:pièce jointe', 'fr:pj'],
  ['en:signature', 'fr:signature'],
  ['en:out of office', 'en:ooo', 'en:automatic replies', 'en:auto reply', 'en:autoreply', 'fr:absence du bureau', 'fr:réponse automatique', 'fr:message d\'absence'],

  // --- Products and places
  ['outlook', 'en:outlook desktop', 'fr:outlook bureau'],
  ['owa', 'en:outlook web', 'en:outlook on the web', 'en:outlook web app', 'en:outlook web access', 'fr:outlook sur le web', 'fr:outlook web'],
  ['exchange', 'en:exchange online', 'exo', 'fr:exchange en ligne'],
  ['office 365', 'o365', 'microsoft 365', 'm365', 'ms365', 'office365', 'microsoft365', 'en:ms office', 'en:microsoft office'],
  ['teams', 'en:microsoft teams', 'en:ms teams', 'msteams'],
  ['skype', 'en:skype for business', 'sfb', 'lync', 'fr:skype entreprise'],
  ['onedrive', 'en:one drive', 'od', 'odfb', 'en:onedrive for business', 'fr:onedrive entreprise'],
  ['sharepoint', 'en:share point', 'sp', 'spo', 'en:sharepoint online', 'fr:sharepoint en ligne'],
  ['en:active directory', 'ad', 'entra', 'en:entra id', 'en:azure ad', 'aad', 'en:azure active directory', 'fr:annuaire'],
  ['en:directory sync', 'en:directory synchronization', 'en:directory synchronisation', 'dirsync', 'en:ad connect', 'en:azure ad connect', 'en:entra connect', 'aadconnect', "fr:synchronisation d'annuaire", "fr:synchro de l'annuaire", 'fr:synchronisation ad'],
  ['en:admin center', 'en:admin centre', 'en:admin portal', 'en:admin console', "fr:centre d'administration", "fr:portail d'administration", "fr:console d'administration"],
  ['powershell', 'en:power shell', 'ps1', 'en:cmdlet', 'fr:cmdlet'],
  ['en:admin', 'en:administrator', 'en:it admin', 'fr:admin', 'fr:administrateur', 'fr:administratrice'],
  ['en:global admin', 'en:global administrator', 'en:tenant admin', 'fr:administrateur général', 'fr:administrateur global', 'fr:admin global'],
  ['en:tenant', 'en:organization', 'en:organisation', 'fr:organisation', 'fr:tenant', 'fr:locataire'],
  ['en:apps', 'en:office apps', 'en:microsoft 365 apps', 'fr:applications', 'fr:applis', 'fr:apps'],
  ['word', 'fr:word'],
  ['excel', 'fr:excel'],

  // --- Accounts and security
  ['en:password', 'en:pwd', 'en:passwd', 'en:passcode', 'fr:mot de passe', 'fr:mdp', 'fr:motdepasse', 'fr:mot-de-passe'],
  ['en:account', 'fr:compte'],
  ['en:user', 'en:employee', 'en:staff member', 'fr:utilisateur', 'fr:utilisatrice', 'fr:collaborateur', 'fr:salarié', 'fr:employé'],
  ['en:sign in', 'en:signin', 'en:log in', 'en:login', 'en:logon', 'en:log on', 'fr:se connecter', 'fr:connexion', "fr:s'identifier", 'fr:identification', 'fr:login'],
  ['en:sign out', 'en:signout', 'en:log out', 'en:logout', 'fr:déconnexion', 'fr:se déconnecter'],
  ['en:credentials', 'en:login details', 'fr:identifiants', "fr:informations d'identification"],
  ['en:reset', 'fr:réinitialiser', 'fr:réinitialisation', 'fr:remettre à zéro', 'fr:reset'],
  ['en:forgot', 'en:forgotten', 'fr:oublié', 'fr:oubli'],
  ['en:lost', 'fr:perdu', 'fr:perdue'],
  ['en:locked out', 'en:locked', 'en:blocked', 'fr:bloqué', 'fr:bloquée', 'fr:verrouillé', 'fr:verrouillée'],
  ['en:expire', 'en:expired', 'en:expiry', 'en:expiration', 'fr:expirer', 'fr:expiré', 'fr:expiration', 'fr:périmé'],
  ['en:never expire', 'en:no expiration', 'fr:n\'expire jamais', 'fr:sans expiration', 'fr:jamais expirer'],
  ['mfa', '2fa', 'en:two-factor', 'en:two factor authentication', 'en:multi-factor authentication', 'en:multifactor', 'en:two-step verification', 'en:2-step verification', 'fr:authentification multifacteur', 'fr:double authentification', 'fr:authentification à deux facteurs', 'fr:double facteur', 'fr:vérification en deux étapes', 'fr:a2f'],
  ['authenticator', 'en:authenticator app', 'fr:application authenticator'],
  ['en:verification code', 'en:security code', 'otp', 'fr:code de vérification', 'fr:code de sécurité'],
  ['sms', 'en:text message', 'fr:texto'],
  ['sso', 'en:single sign-on', 'en:single sign on', 'en:single signon', 'fr:authentification unique'],
  ['en:federation', 'en:federated', 'adfs', 'ad fs', 'fr:fédération', 'fr:fédéré', 'fr:fédérée'],
  ['en:role', 'en:roles', 'fr:rôle', 'fr:rôles'],
  ['en:permission', 'en:permissions', 'en:rights', 'en:access rights', 'fr:autorisation', 'fr:autorisations', 'fr:droits', "fr:droits d'accès", 'fr:permission'],
  ['en:access', 'fr:accès', 'fr:accéder'],
  ['en:add user', 'en:create user', 'en:new user', 'en:new employee', 'en:onboard', 'fr:ajouter un utilisateur', 'fr:créer un utilisateur', 'fr:nouvel utilisateur', 'fr:nouveau collaborateur', 'fr:nouvel employé'],
  ['en:guest', 'en:guests', 'fr:invité', 'fr:invités'],
  ['en:external', 'en:outside', 'fr:externe', 'fr:externes', 'fr:extérieur'],
  ['en:invite', 'en:invitation', 'fr:inviter', 'fr:invitation'],
  ['en:group', 'fr:groupe'],
  ['en:provisioning', 'en:provision', 'fr:provisionnement', 'fr:approvisionnement', 'fr:provisioning'],

  // --- Domains and configuration
  ['en:domain', 'en:custom domain', 'fr:domaine', 'fr:nom de domaine', 'fr:domaine personnalisé'],
  ['dns', 'en:dns record', 'fr:enregistrement dns', 'fr:enregistrements dns'],
  ['en:name server', 'en:nameserver', 'en:nameservers', 'en:ns record', 'fr:serveur de noms', 'fr:serveurs de noms', 'fr:serveurs dns'],
  ['mx', 'en:mx record', 'fr:enregistrement mx'],
  ['en:registrar', 'en:domain registrar', 'en:hosting provider', 'fr:registraire', 'fr:bureau d\'enregistrement', 'fr:hébergeur'],
  ['en:verify', 'en:verification', 'en:validate', 'fr:vérifier', 'fr:vérification', 'fr:valider', 'fr:validation'],
  ['en:settings', 'en:options', 'en:preferences', 'fr:paramètres', 'fr:réglages', 'fr:options'],
  ['en:configure', 'en:configuration', 'en:config', 'fr:configurer', 'fr:configuration', 'fr:paramétrer', 'fr:paramétrage'],
  ['en:setup', 'en:set up', 'fr:mettre en place', 'fr:mise en place'],

  // --- SharePoint, OneDrive, files
  ['en:share', 'en:sharing', 'fr:partage', 'fr:partager'],
  ['en:site', 'en:sites', 'fr:site', 'fr:sites'],
  ['en:file', 'en:files', 'en:document', 'en:documents', 'fr:fichier', 'fr:fichiers', 'fr:document', 'fr:documents'],
  ['en:folder', 'en:directory folder', 'fr:dossier', 'fr:répertoire'],
  ['en:library', 'en:document library', 'fr:bibliothèque', 'fr:bibliothèque de documents'],
  ['en:delete', 'en:deleted', 'en:remove', 'en:erase', 'fr:supprimer', 'fr:supprimé', 'fr:effacer', 'fr:effacé', 'fr:enlever'],
  ['en:restore', 'en:recover', 'en:undelete', 'en:get back', 'fr:restaurer', 'fr:récupérer', 'fr:restauration', 'fr:récupération'],
  ['en:recycle bin', 'en:trash', 'en:bin', 'fr:corbeille'],
  ['en:sync', 'en:synchronize', 'en:synchronise', 'en:synchronization', 'en:syncing', 'fr:synchroniser', 'fr:synchro', 'fr:synchronisation', 'fr:sync'],
  ['en:link', 'url', 'fr:lien'],
  ['en:upload', 'fr:téléverser', 'fr:charger', 'fr:upload'],
  ['en:download', 'fr:télécharger', 'fr:téléchargement'],

  // --- Teams, Skype, calls
  ['en:meeting', 'en:meetings', 'en:video conference', 'en:conference call', 'en:video call', 'fr:réunion', 'fr:réunions', 'fr:visio', 'fr:visioconférence', 'fr:conférence'],
  ['en:schedule', 'fr:planifier', 'fr:programmer', 'fr:organiser'],
  ['en:join', 'en:joining', 'fr:rejoindre', 'fr:participer'],
  ['en:call', 'en:calls', 'en:phone call', 'fr:appel', 'fr:appels', 'fr:appeler'],
  ['en:audio', 'en:sound', 'fr:son', 'fr:audio'],
  ['en:microphone', 'en:mic', 'fr:micro', 'fr:microphone'],
  ['en:camera', 'en:webcam', 'en:cam', 'fr:caméra', 'fr:webcam'],
  ['en:headset', 'en:headphones', 'en:earphones', 'en:earbuds', 'fr:casque', 'fr:écouteurs', 'fr:oreillette'],
  ['en:hear', 'fr:entendre', 'fr:entends'],
  ['en:chat', 'en:instant message', 'en:im', 'fr:chat', 'fr:tchat', 'fr:conversation', 'fr:messagerie instantanée'],
  ['en:message', 'en:messages', 'fr:message', 'fr:messages'],
  ['en:status', 'en:presence', 'fr:statut', 'fr:présence'],
  ['en:screen sharing', 'en:share screen', 'en:share my screen', 'fr:partage d\'écran', 'fr:partager mon écran', 'fr:partage écran'],

  // --- Apps and devices
  ['en:install', 'en:installation', 'en:installing', 'fr:installer', 'fr:installation'],
  ['en:uninstall', 'en:remove office', 'fr:désinstaller', 'fr:désinstallation'],
  ['en:activate', 'en:activation', 'fr:activer', 'fr:activation'],
  ['en:unlicensed', 'en:unlicensed product', 'en:product deactivated', 'fr:sans licence', 'fr:produit sans licence', 'fr:non licencié', 'fr:produit désactivé'],
  ['en:repair', 'fr:réparer', 'fr:réparation'],
  ['en:update', 'en:updates', 'en:patch', 'fr:mise à jour', 'fr:mettre à jour', 'fr:maj'],
  ['en:crash', 'en:crashes', 'en:freeze', 'en:freezes', 'en:hang', 'en:hangs', 'en:not responding', 'fr:plante', 'fr:planter', 'fr:plantage', 'fr:figé', 'fr:gel', 'fr:ne répond pas', 'fr:se ferme'],
  ['en:slow', 'en:sluggish', 'en:lag', 'en:laggy', 'fr:lent', 'fr:lente', 'fr:lenteur', 'fr:rame'],
  ['en:error', 'en:error message', 'fr:erreur', 'fr:message d\'erreur'],
  ['en:computer', 'pc', 'en:laptop', 'en:desktop', 'en:workstation', 'fr:ordinateur', 'fr:ordi', 'fr:poste', 'fr:poste de travail', 'fr:pc portable'],
  ['en:mobile', 'en:smartphone', 'en:cell phone', 'en:cellphone', 'iphone', 'android', 'fr:portable', 'fr:mobile', 'fr:téléphone portable', 'fr:smartphone'],
  ['mac', 'macos', 'macbook', 'fr:mac'],
  ['windows', 'win10', 'win11', 'en:windows 10', 'en:windows 11'],
  ['en:screen', 'en:display', 'fr:écran', 'fr:affichage'],
  ['en:button', 'en:buttons', 'fr:bouton', 'fr:boutons'],
  ['en:missing', 'en:disappeared', 'en:gone', 'fr:manquant', 'fr:disparu', 'fr:disparue', 'fr:introuvable'],
  ['en:garbled', 'en:blurry', 'en:scrambled', 'en:glitch', 'fr:flou', 'fr:illisible', 'fr:brouillé', 'fr:bug d\'affichage'],
  ['en:prompt', 'en:keeps asking', 'en:asks again', 'en:pop-up', 'en:popup', 'fr:redemande', 'fr:demande sans arrêt', 'fr:fenêtre'],
  ['en:add-in', 'en:addin', 'en:plugin', 'en:plug-in', 'en:add-on', 'en:extension', 'fr:complément', 'fr:module complémentaire', 'fr:plugin', 'fr:extension'],
  ['en:printer', 'fr:imprimante'],

  // --- Billing and pre-sales
  ['en:invoice', 'en:invoices', 'en:bill', 'en:receipt', 'fr:facture', 'fr:factures', 'fr:reçu'],
  ['en:billing', 'en:charges', 'fr:facturation', 'fr:frais'],
  ['en:subscription', 'en:plan', 'fr:abonnement', 'fr:forfait', 'fr:souscription', 'fr:offre'],
  ['en:license', 'en:licence', 'en:licenses', 'en:licences', 'en:seat', 'en:seats', 'fr:licence', 'fr:licences', 'fr:siège', 'fr:sièges'],
  ['en:trial', 'en:free trial', 'en:trial version', 'fr:essai', 'fr:essai gratuit', "fr:version d'essai", 'fr:période d\'essai'],
  ['en:buy', 'en:purchase', 'en:order', 'fr:acheter', 'fr:achat', 'fr:commander', 'fr:souscrire'],
  ['en:cancel', 'en:cancellation', 'en:terminate', 'en:unsubscribe', 'fr:résilier', 'fr:résiliation', 'fr:annuler', 'fr:annulation', 'fr:mettre fin'],
  ['en:renew', 'en:renewal', 'en:auto-renew', 'fr:renouveler', 'fr:renouvellement', 'fr:reconduction'],
  ['en:payment method', 'en:credit card', 'en:card', 'en:bank card', 'fr:moyen de paiement', 'fr:mode de paiement', 'fr:carte bancaire', 'fr:carte de crédit', 'fr:cb', 'fr:carte'],
  ['en:pay', 'en:payment', 'fr:payer', 'fr:paiement', 'fr:règlement'],
  ['en:price', 'en:cost', 'en:pricing', 'en:how much', 'fr:prix', 'fr:tarif', 'fr:tarifs', 'fr:coût', 'fr:combien', 'fr:tarification'],
  ['en:refund', 'fr:remboursement', 'fr:rembourser'],
  ['en:charged', 'en:debited', 'fr:débité', 'fr:prélevé', 'fr:prélèvement', 'fr:facturé'],
  ['en:partner', 'en:reseller', 'csp', 'msp', 'en:it provider', 'fr:partenaire', 'fr:revendeur', 'fr:prestataire', 'fr:intégrateur'],
  ['en:compare', 'en:comparison', 'en:difference', 'vs', 'en:versus', 'fr:comparer', 'fr:comparaison', 'fr:différence'],
  ['en:standalone', 'en:stand-alone', 'en:single service', 'fr:autonome', 'fr:indépendant'],
  ['en:volume licensing', 'vl', 'vlsc', 'en:volume license', 'fr:licence en volume', 'fr:licences en volume', 'fr:contrat en volume'],
  ['en:product key', 'en:license key', 'fr:clé de produit', 'fr:clé de licence', 'fr:clé produit'],

  // --- Support itself
  ['en:support', 'en:helpdesk', 'en:help desk', 'en:customer service', 'fr:support', 'fr:assistance', 'fr:service client', 'fr:hotline'],
  ['en:ticket', 'en:service request', 'en:support request', 'en:support case', 'fr:ticket', 'fr:demande de support', 'fr:demande de service', 'fr:demande d\'assistance'],
  ['en:phone number', 'en:phone', 'en:telephone', 'fr:téléphone', 'fr:numéro de téléphone', 'fr:numéro'],
  ['en:reopen', 'en:re-open', 'fr:rouvrir', 'fr:réouvrir', 'fr:réouverture'],
  ['en:response time', 'sla', 'en:how long', 'fr:délai de réponse', 'fr:temps de réponse', 'fr:délai', 'fr:délais'],
  ['en:severity', 'en:priority', 'en:urgency', 'fr:gravité', 'fr:sévérité', 'fr:priorité', 'fr:urgence'],
  ['en:outage', 'en:service down', 'en:incident', 'en:service health', 'fr:panne', 'fr:incident', 'fr:état du service', 'fr:état de santé', 'fr:interruption'],
  ['en:unavailable', 'en:not available', 'en:inaccessible', 'en:unreachable', 'fr:indisponible', 'fr:inaccessible', 'fr:injoignable'],
  ['en:language', 'fr:langue'],
  ['en:translator', 'en:interpreter', 'en:translation', 'fr:traducteur', 'fr:interprète', 'fr:traduction'],
  ['en:developer', 'en:dev', 'api', 'sdk', 'fr:développeur', 'fr:dev'],
  ['en:script', 'en:scripting', 'fr:script'],
  ['vba', 'en:macro', 'vbscript', 'fr:macro'],
  ['en:network', 'fr:réseau'],
  ['en:firewall', 'fr:pare-feu', 'fr:parefeu', 'fr:firewall'],
  ['en:proxy', 'fr:proxy'],
  ['wifi', 'en:wi-fi', 'en:wireless', 'fr:wi-fi', 'fr:sans fil'],
  ['en:third party', 'en:third-party', 'en:3rd party', 'fr:tiers', 'fr:tierce', 'fr:éditeur tiers'],
  ['en:community', 'en:forum', 'en:forums', 'fr:communauté', 'fr:forum', 'fr:forums'],
  ['en:training', 'en:tutorial', 'en:course', 'fr:formation', 'fr:tutoriel', 'fr:tuto', 'fr:cours'],
  ['en:video', 'en:videos', 'fr:vidéo', 'fr:vidéos'],
  ['en:premier support', 'en:premium support', 'en:unified support', 'en:elevated support', 'fr:support premier', 'fr:support premium', 'fr:support renforcé'],
  ['en:stuck', 'en:pending', 'en:hanging', 'fr:bloqué', 'fr:en attente', 'fr:coincé'],
  ['en:company', 'en:business', 'fr:entreprise', 'fr:société'],
];

export type SynonymLang = Lang;

/** A synonym group as seen from one query language. */
interface LangGroup {
  /** Analysed phrases (terms) of every member, used to detect the group in a query. */
  triggers: string[][];
  /** Analysed phrases of the members of this language, offered as expansions. */
  expansions: string[][];
}

/** Where a group matched the query and what it adds. */
export interface SynonymMatch {
  /** Position of the first matched query term. */
  start: number;
  /** Number of query terms covered. */
  length: number;
  /** Alternative term sequences (analysed in the query's language), never equal to the match. */
  alternatives: string[][];
}

/** Longest trigger phrase, in terms. */
const MAX_PHRASE_TERMS = 5;

class SynonymIndex {
  private readonly byFirstTerm = new Map<string, { phrase: string[]; group: number }[]>();
  private readonly groups: LangGroup[] = [];

  constructor(
    private readonly lang: Lang,
    groups: readonly (readonly string[])[],
  ) {
    groups.forEach((members, g) => {
      const triggers: string[][] = [];
      const expansions: string[][] = [];
      const seenT = new Set<string>();
      const seenE = new Set<string>();
      for (const raw of members) {
        const m = /^(en|fr):(.*)$/.exec(raw);
        const memberLang = (m ? m[1] : null) as Lang | null;
        const text = m ? m[2] : raw;
        // Triggers are analysed in the query's language too: that is how the query will look.
        const terms = analyze(text, lang).slice(0, MAX_PHRASE_TERMS);
        if (terms.length === 0) continue;
        const key = terms.join(' ');
        if (!seenT.has(key)) {
          seenT.add(key);
          triggers.push(terms);
        }
        if ((memberLang === null || memberLang === lang) && !seenE.has(key)) {
          seenE.add(key);
          expansions.push(terms);
        }
      }
      this.groups.push({ triggers, expansions });
      for (const phrase of triggers) {
        const list = this.byFirstTerm.get(phrase[0]) ?? [];
        list.push({ phrase, group: g });
        this.byFirstTerm.set(phrase[0], list);
      }
    });
  }

  /** Finds the groups present in an analysed query (longest match wins at each position). */
  match(terms: readonly string[]): SynonymMatch[] {
    const out: SynonymMatch[] = [];
    for (let i = 0; i < terms.length; i++) {
      const candidates = this.byFirstTerm.get(terms[i]);
      if (!candidates) continue;
      // Group id -> longest phrase length matched at i.
      const best = new Map<number, number>();
      for (const { phrase, group } of candidates) {
        if (i + phrase.length > terms.length) continue;
        let ok = true;
        for (let j = 1; j < phrase.length; j++) {
          if (terms[i + j] !== phrase[j]) {
            ok = false;
            break;
          }
        }
        if (ok && phrase.length > (best.get(group) ?? 0)) best.set(group, phrase.length);
      }
      for (const [group, length] of best) {
        const matched = terms.slice(i, i + length).join(' ');
        const alternatives = this.groups[group].expansions.filter((p) => p.join(' ') !== matched);
        if (alternatives.length) out.push({ start: i, length, alternatives });
      }
    }
    return out;
  }

  get size(): number {
    return this.groups.length;
  }
}

const INDEXES: Partial<Record<Lang, SynonymIndex>> = {};

/** The synonym index of one language, built on first use from SYNONYM_GROUPS. */
export function synonymIndex(lang: Lang): SynonymIndex {
  let index = INDEXES[lang];
  if (!index) {
    index = new SynonymIndex(lang, SYNONYM_GROUPS);
    INDEXES[lang] = index;
  }
  return index;
}

/** A custom lexicon (tests, other domains), same member syntax as SYNONYM_GROUPS. */
export function buildSynonymIndex(lang: Lang, groups: readonly (readonly string[])[]): SynonymIndex {
  return new SynonymIndex(lang, groups);
}

export type { SynonymIndex };

/** Synonym groups present in already analysed query terms (see `analyze` in text.ts). */
export function findSynonyms(terms: readonly string[], lang: Lang): SynonymMatch[] {
  return synonymIndex(lang).match(terms);
}
