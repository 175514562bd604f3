// Where a reload may go. A ready server can still answer the page itself with an error: a broken or
// half-done deploy answers 500, and a URL that grew past the server's limit through in-app navigation
// answers 414. So before it leaves, the page asks for the document it is about to load. A 414 or 431 is
// about the address itself: the page goes to the same path without its query, or else the app's base. Any
// other failure may pass (a proxy between two instances, an instance still starting), so the page keeps
// its address, with everything the query holds, and asks again later; only when the caller says the
// failures have lasted does it fall back too. State the kit keeps elsewhere survives a move: tab state is
// kept per tab, forms per path.

import { withTimeout } from '../environment.js';

// Statuses that say this address can never load here, however long the page waits.
const addressRefused = new Set([414, 431]);

/**
 * The page's own URL when it answers 2xx; otherwise, when the address was refused (414, 431) or
 * `fallBackOnErrors` is set, the first of its path without the query and the app's base that answers 2xx.
 * Answers `{ url, fallback }` (`fallback` is false for the page's own URL), or null: not yet.
 */
export async function chooseReloadTarget(env, timeoutMs, { fallBackOnErrors = false } = {}) {
  const own = env.location.href;
  const status = await statusOf(env, own, timeoutMs);
  if (status >= 200 && status < 300) {
    return { url: own, fallback: false };
  }

  if (!addressRefused.has(status) && !fallBackOnErrors) {
    return null;
  }

  for (const url of fallbacks(own, env.document.baseURI)) {
    const answer = await statusOf(env, url, timeoutMs);
    if (answer >= 200 && answer < 300) {
      return { url, fallback: true };
    }
  }

  return null;
}

function fallbacks(href, baseUri) {
  const own = new URL(href);
  const withoutQuery = new URL(own.pathname, own.origin).href;
  const base = new URL(baseUri).href;
  return [...new Set([withoutQuery, base])].filter(url => url !== href);
}

/** The status the address answers with, after redirects; 0 when there was no answer. */
async function statusOf(env, url, timeoutMs) {
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
      return response.status;
    });
  } catch {
    return 0;
  }
}
