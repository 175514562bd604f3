// Where a reload may go. A ready server can still answer the page itself with an error: a broken or
// half-done deploy answers 500, and a URL that grew past the server's limit through in-app navigation
// answers 414. So before it leaves, the page asks for the document it is about to load, and if that
// fails, for the same path without its query, then for the app's base. State the kit keeps elsewhere
// survives the move: tab state is kept per tab, forms per path.

import { withTimeout } from './environment.js';

/**
 * The first of the page's own URL, its path without the query and the app's base that answers 2xx, as
 * `{ url, fallback }` (`fallback` is false for the page's own URL); null when none does (yet).
 */
export async function chooseReloadTarget(env, timeoutMs) {
  for (const url of candidates(env.location.href, env.document.baseURI)) {
    if (await answersOk(env, url, timeoutMs)) {
      return { url, fallback: url !== env.location.href };
    }
  }

  return null;
}

function candidates(href, baseUri) {
  const own = new URL(href);
  const withoutQuery = new URL(own.pathname, own.origin).href;
  const base = new URL(baseUri).href;
  return [...new Set([href, withoutQuery, base])];
}

async function answersOk(env, url, timeoutMs) {
  try {
    return await withTimeout(env, timeoutMs, async signal => {
      // The request a reload makes (a document, same cookies), not kept by any cache; a redirect (to a
      // sign-in page, say) is followed and judged by where it lands.
      const response = await env.fetch(url, {
        method: 'GET',
        cache: 'no-store',
        credentials: 'same-origin',
        redirect: 'follow',
        headers: { accept: 'text/html' },
        signal,
      });
      // Only the status matters; the body is not needed.
      response.body?.cancel?.().catch?.(() => {});
      return response.ok;
    });
  } catch {
    return false;
  }
}
