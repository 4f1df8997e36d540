import { PayloadError } from "../../errors/payload-error.js";

/** One page as {@link pageThrough} needs it. */
export interface ListPage<T> {
  items: T[];
  /** The total the server announces (SCIM `totalResults`, `meta.paging.totalSize`); undefined if none. */
  total: number | undefined;
  /** The 0-based position of the first item, as the server echoes it (undefined if it does not). */
  start: number | undefined;
}

/** Options of {@link pageThrough}. */
export interface PageThroughOptions<T> {
  /** What is listed, for messages ("SCIM users"). */
  what: string;
  /** Rows asked per page. */
  pageSize: number;
  /** The most rows accepted; a larger announced total is refused before paging. */
  maxRows: number;
  /** Fetches the page at 0-based `offset`. */
  fetch(offset: number, limit: number): Promise<ListPage<T>>;
}

/**
 * Reads every page of an offset-paged list, one after another, advancing by the rows that came
 * back (a server that returns fewer than asked is followed, not skipped). Bounded and strict:
 * it refuses a total above `maxRows`, a page larger than asked, a page that starts elsewhere than
 * asked (a server ignoring the offset), a total that changes while paging, an empty page before
 * the total, and more pages than `maxRows` allows. Without a total, it stops at the first page
 * shorter than `pageSize`.
 *
 * @param options - the page fetcher, page size and bound
 * @returns every item, in server order
 * @throws {@link PayloadError} naming what was wrong, when the paging cannot be trusted
 * @example
 * ```ts
 * const users = await pageThrough({ what: "SCIM users", pageSize: 100, maxRows: 1_000_000, fetch });
 * ```
 */
export async function pageThrough<T>(options: PageThroughOptions<T>): Promise<T[]> {
  const { what, pageSize, maxRows } = options;
  const out: T[] = [];
  let total: number | undefined;
  const maxPages = Math.ceil(maxRows / pageSize) + 1;
  for (let offset = 0, pages = 0; ; pages++) {
    if (pages >= maxPages * 4) {
      throw new PayloadError(
        `${what}: more than ${pages} pages for at most ${maxRows} rows; the server pages too finely to trust. Nothing was returned.`,
      );
    }
    const page = await options.fetch(offset, pageSize);
    if (page.items.length > pageSize) {
      throw new PayloadError(
        `${what}: a page held ${page.items.length} rows although ${pageSize} were asked.`,
      );
    }
    if (page.start !== undefined && page.start !== offset) {
      throw new PayloadError(
        `${what}: asked for the page at ${offset} but the server answered the page at ${page.start} (it ignores paging); the list cannot be read completely.`,
      );
    }
    if (pages === 0) {
      total = page.total;
      if (total !== undefined && (!Number.isSafeInteger(total) || total < 0 || total > maxRows)) {
        throw new PayloadError(
          `${what}: the server announces ${total} rows, more than the ${maxRows} this call accepts (maxRows); refused before paging.`,
        );
      }
    } else if (page.total !== total) {
      throw new PayloadError(
        `${what}: the total changed from ${total} to ${page.total} while paging; read again later for a consistent list.`,
      );
    }
    out.push(...page.items);
    offset += page.items.length;
    if (total === undefined) {
      if (page.items.length < pageSize) return out;
      if (out.length > maxRows) {
        throw new PayloadError(`${what}: more than ${maxRows} rows (maxRows); refused.`);
      }
      continue;
    }
    if (offset >= total) {
      if (offset > total) {
        throw new PayloadError(`${what}: ${offset} rows came back although the server announced ${total}.`);
      }
      return out;
    }
    if (page.items.length === 0) {
      throw new PayloadError(
        `${what}: an empty page at ${offset} of ${total}; the list is incomplete, nothing was returned.`,
      );
    }
  }
}
