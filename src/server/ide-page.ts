/**
 * The development IDE's own page, stylesheet and start script. The script and the styles are
 * files of their own (served under /ide/), never inline: the page's Content-Security-Policy allows
 * scripts and styles from this server only.
 */

/** The demo member of staff the hints name (a caseworker of the demo data). */
export const HINT_STAFF_NUMBER = 'CW1002';

/** What a developer sees first in the query editor: how to sign in, then a query to run. */
export const IDE_DEFAULT_QUERY = [
  '# Back-office GraphQL API: development IDE (everything is served by this server, it works offline).',
  '#',
  '# 1. Get a token (8 hours; any demo staff number):',
  `#      npm run token -- ${HINT_STAFF_NUMBER}`,
  '# 2. Paste it into "Headers" below:',
  '#      { "Authorization": "Bearer <the token>" }',
  '# 3. Run the query: Ctrl-Enter (Cmd-Enter on a Mac), or the pink button.',
  '#',
  '# The schema and its documentation are in the sidebar on the left.',
  '',
  'query Me {',
  '  me {',
  '    staff {',
  '      staffNumber',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

/** Full-height page; everything else comes from GraphiQL's own stylesheet. */
export const IDE_CSS = `html, body, #graphiql { height: 100%; margin: 0; }
.ide-loading { font: 14px system-ui, sans-serif; padding: 2rem; }
`;

/**
 * Starts GraphiQL (its UMD bundle and React's put GraphiQL, React and ReactDOM on window).
 * Headers are not persisted, so a pasted token stays out of localStorage; but GraphiQL 3 keeps each
 * run's headers in its history and favourites whatever that setting says, so its storage drops
 * every "headers" field from what it writes. No @defer/@stream here: the plain JSON fetcher.
 */
export const IDE_BOOT_SCRIPT = `'use strict';
(function () {
  // The keys holding lists of runs ({ queries: [...] }, { favorites: [...] }, { tabs: [...] }).
  var RUN_LISTS = ['graphiql:queries', 'graphiql:favorites', 'graphiql:tabState'];
  function withoutHeaders(json) {
    var stored = JSON.parse(json);
    Object.keys(stored).forEach(function (list) {
      if (Array.isArray(stored[list])) stored[list].forEach(function (run) { if (run) delete run.headers; });
    });
    return JSON.stringify(stored);
  }
  var storage = {
    getItem: function (key) { return localStorage.getItem(key); },
    setItem: function (key, value) {
      // (The "persist headers" switch is hidden: shouldPersistHeaders is false.)
      localStorage.setItem(key, RUN_LISTS.indexOf(key) >= 0 ? withoutHeaders(value) : value);
    },
    removeItem: function (key) { localStorage.removeItem(key); },
    clear: function () {
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf('graphiql:') === 0) localStorage.removeItem(key);
      });
    },
    get length() {
      return Object.keys(localStorage).filter(function (key) { return key.indexOf('graphiql:') === 0; }).length;
    },
  };
  var fetcher = GraphiQL.createFetcher({
    url: new URL('/graphql', window.location.href).href,
    enableIncrementalDelivery: false,
  });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(IDE_DEFAULT_QUERY)},
    // Empty: an Authorization header without a valid token is refused (401), docs included.
    defaultHeaders: '{}',
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
    storage: storage,
  }));
})();
`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** The page: stylesheets, then the scripts in order (deferred: they run after the page is parsed). */
export function idePageHtml(assets: { styles: string[]; scripts: string[] }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back-office API: GraphiQL (development)</title>
<link rel="icon" href="data:,">
${assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
${assets.scripts.map((src) => `<script defer src="${escapeHtml(src)}"></script>`).join('\n')}
</head>
<body>
<div id="graphiql"><p class="ide-loading">Loading GraphiQL&hellip; Sign in with a token from
<code>npm run token -- ${HINT_STAFF_NUMBER}</code> in the Headers editor.</p>
<noscript><p class="ide-loading">GraphiQL needs JavaScript.</p></noscript></div>
</body>
</html>
`;
}
