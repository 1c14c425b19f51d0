/**
 * Request targets come from the network: a malformed one (`GET /%`, `GET //`) is the client's mistake, a 400,
 * never a URIError that surfaces as a 500.
 */

/** The request's path and query, or `undefined` when the target is not a usable URL. */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** `decodeURIComponent` that answers `undefined` for malformed escapes (`%`, `%zz`, a cut UTF-8 sequence). */
export function decodePercentEncoding(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
