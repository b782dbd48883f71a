import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The local help-site page: Web Chat (the UMD bundle from the installed botframework-webchat
 * package, served by this server, never a CDN) talking to the built-in Direct Line. In demo mode
 * the visitor picks who to chat as; the page never decides a role, the server does from the token.
 */
export type DemoRole = 'admin' | 'user' | 'partner' | 'engineer';

export interface PageOptions {
  botName: string;
  demoUsers: { id: string; name: string; organisation: string; role: DemoRole }[];
}

export function webChatBundlePath(): string {
  // The package's exports hide package.json; its main entry sits in lib/ or dist/ beside the bundle.
  let dir = dirname(require.resolve('botframework-webchat'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'webchat.js');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const PAGE_STRINGS = {
  en: {
    title: 'Help centre',
    lead: 'Ask a question about your Microsoft 365 services, billing or plans. The assistant answers from our help articles and, for administrators, opens support requests.',
    who: 'Chat as',
    anonymous: 'Visitor (not signed in)',
    roles: { admin: 'administrator', user: 'user', partner: 'partner', engineer: 'support engineer' },
    language: 'Language',
    start: 'Start chat',
    failed: 'The chat could not start. Please try again.',
  },
  fr: {
    title: "Centre d'aide",
    lead: "Posez une question sur vos services Microsoft 365, la facturation ou les forfaits. L'assistant répond à partir de nos articles d'aide et, pour les administrateurs, ouvre des demandes de support.",
    who: 'Discuter en tant que',
    anonymous: 'Visiteur (non connecté)',
    roles: { admin: 'administrateur', user: 'utilisateur', partner: 'partenaire', engineer: 'ingénieur du support' },
    language: 'Langue',
    start: 'Démarrer la discussion',
    failed: "La discussion n'a pas pu démarrer. Réessayez.",
  },
};

export function renderWebChatPage(options: PageOptions): string {
  const users = options.demoUsers
    .map((u) => `<option value="${escapeHtml(u.id)}" data-name="${escapeHtml(u.name)}" data-org="${escapeHtml(u.organisation)}" data-role="${u.role}"></option>`)
    .join('');
  const demo = options.demoUsers.length > 0;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.botName)} — Help centre</title>
<style>
  :root { color-scheme: light dark; --accent: #4f52b2; }
  body { margin: 0; font-family: "Segoe UI", system-ui, sans-serif; background: Canvas; color: CanvasText; }
  header { background: var(--accent); color: #fff; padding: 1rem 1.5rem; }
  header h1 { margin: 0; font-size: 1.4rem; }
  main { max-width: 960px; margin: 0 auto; padding: 1rem; display: grid; gap: 1rem; }
  form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; }
  label { display: grid; gap: .25rem; font-size: .9rem; }
  select, button { font: inherit; padding: .4rem .6rem; }
  button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  #webchat { height: 70vh; min-height: 420px; border: 1px solid #8884; border-radius: 6px; overflow: hidden; }
  #status { min-height: 1.2em; }
</style>
</head>
<body>
<header><h1 id="title">${PAGE_STRINGS.en.title}</h1></header>
<main>
  <p id="lead">${PAGE_STRINGS.en.lead}</p>
  <form id="start-form">
    ${
      demo
        ? `<label><span id="who-label">${PAGE_STRINGS.en.who}</span>
      <select id="who" name="who"><option value="">${PAGE_STRINGS.en.anonymous}</option>${users}</select></label>`
        : ''
    }
    <label><span id="lang-label">${PAGE_STRINGS.en.language}</span>
      <select id="lang" name="lang"><option value="en">English</option><option value="fr">Français</option></select></label>
    <button id="start" type="submit">${PAGE_STRINGS.en.start}</button>
  </form>
  <div id="status" role="status" aria-live="polite"></div>
  <div id="webchat" role="main" aria-label="Chat"></div>
</main>
<script src="/webchat.js"></script>
<script>
(function () {
  var STRINGS = ${JSON.stringify(PAGE_STRINGS)};
  var form = document.getElementById('start-form');
  var langSelect = document.getElementById('lang');
  var params = new URLSearchParams(location.search);
  if (params.get('lang') === 'fr' || (!params.get('lang') && /^fr/i.test(navigator.language))) langSelect.value = 'fr';
  function applyLanguage() {
    var s = STRINGS[langSelect.value];
    document.documentElement.lang = langSelect.value;
    document.getElementById('title').textContent = s.title;
    document.getElementById('lead').textContent = s.lead;
    document.getElementById('lang-label').textContent = s.language;
    document.getElementById('start').textContent = s.start;
    var who = document.getElementById('who-label');
    if (who) {
      who.textContent = s.who;
      document.querySelectorAll('#who option').forEach(function (o) {
        o.textContent = o.value ? o.dataset.name + ' (' + o.dataset.org + ', ' + s.roles[o.dataset.role] + ')' : s.anonymous;
      });
    }
  }
  langSelect.addEventListener('change', applyLanguage);
  applyLanguage();
  var whoSelect = document.getElementById('who');
  if (whoSelect && params.get('user')) whoSelect.value = params.get('user');

  function start(event) {
    if (event) event.preventDefault();
    var lang = langSelect.value;
    var locale = lang === 'fr' ? 'fr-FR' : 'en-US';
    var body = { locale: locale };
    if (whoSelect && whoSelect.value) body.demoUser = whoSelect.value;
    fetch('/api/directline/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { if (!r.ok) throw new Error('token ' + r.status); return r.json(); })
      .then(function (t) {
        document.getElementById('status').textContent = '';
        var directLine = window.WebChat.createDirectLine({ token: t.token, domain: location.origin + '/v3/directline', webSocket: true });
        window.WebChat.renderWebChat({ directLine: directLine, locale: locale, styleOptions: { hideUploadButton: true } }, document.getElementById('webchat'));
        document.querySelector('#webchat input, #webchat textarea') && document.querySelector('#webchat input, #webchat textarea').focus();
      })
      .catch(function () { document.getElementById('status').textContent = STRINGS[lang].failed; });
  }
  form.addEventListener('submit', start);
  if (params.get('autostart') === '1') start();
})();
</script>
</body>
</html>`;
}
