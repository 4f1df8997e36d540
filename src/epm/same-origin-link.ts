import { KitError } from "../errors/kit-error.js";
import { redactUrl } from "../http/redact.js";

/**
 * Checks a link from an EPM response before the client follows it with credentials: it must be
 * an absolute http(s) URL on exactly the configured origin (same scheme, host and port), with
 * no whitespace or user info, and a GET action if it names one. Anything else is refused before
 * a single byte is sent, so a tampered or misconfigured response cannot pull the Authorization
 * header to another host or onto plain http.
 *
 * @param href - the link's href
 * @param origin - the configured origin, e.g. `https://epm-acme.epm.us-phoenix-1.ocs.oraclecloud.com`
 * @param what - which link, for the message (e.g. `"Job Status" link`)
 * @param action - the link's action, if given
 * @returns the parsed URL
 * @throws KitError with code `E_EPM_FOREIGN_LINK`
 * @example
 * ```ts
 * sameOriginLink("https://evil.example/jobs/1", "https://epm.example.com", '"Job Status" link')
 * //=> throws: Oracle EPM returned a "Job Status" link to https://evil.example, not https://epm.example.com: refused …
 * ```
 */
export function sameOriginLink(href: string, origin: string, what: string, action?: string): URL {
  let url: URL | undefined;
  try {
    url = /\s/.test(href) ? undefined : new URL(href);
  } catch (error) {
    // new URL throws a TypeError (ERR_INVALID_URL) for text that is no absolute URL.
    if (!(error instanceof TypeError)) throw error;
    url = undefined;
  }
  const problem = !url
    ? "that is not an absolute URL"
    : url.protocol !== "https:" && url.protocol !== "http:"
      ? `with scheme ${url.protocol}`
      : url.username || url.password
        ? "carrying user info"
        : url.origin !== origin
          ? `to ${url.origin}, not ${origin}`
          : action && action.toUpperCase() !== "GET"
            ? `with action ${action}, not GET`
            : undefined;
  if (problem) {
    const shown = url ? redactUrl(url) : JSON.stringify(href.slice(0, 200));
    throw new KitError(
      "E_EPM_FOREIGN_LINK",
      `Oracle EPM returned a ${what} ${problem}: refused to follow it so that credentials never leave the configured service (${shown}). Check that the client's url is the pod's own base URL (behind a proxy, the URL the proxy rewrites links to).`,
    );
  }
  return url!;
}
