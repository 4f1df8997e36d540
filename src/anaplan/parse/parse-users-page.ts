import type pl from "nodejs-polars";
import { ANAPLAN_USER_SCHEMA, frameFromColumns } from "../schemas.js";
import { listOf } from "./list-of.js";
import { type AnaplanPaging, readPaging } from "./paging.js";
import { flagOf, msOf, readJsonBody, textOf } from "./read-json-body.js";

/** One parsed page of `GET /2/0/users`. */
export interface UsersPage {
  /** The page's users, with {@link ANAPLAN_USER_SCHEMA}. */
  frame: pl.DataFrame;
  /** `meta.paging` of the page. */
  paging: AnaplanPaging;
}

/**
 * Parses one page of the Anaplan Integration API user list into a frame with
 * {@link ANAPLAN_USER_SCHEMA}. Pure: bytes in, frame out. `lastLoginDate`
 * (`2026-05-07T08:05:37.000+0000`) becomes a UTC datetime, null when absent.
 *
 * @param body - the response body bytes
 * @returns the frame (zero rows with the full schema for an empty page) and `meta.paging`
 * @throws {@link PayloadError} for an empty body, an HTML page, malformed or truncated JSON, or
 * a body without a `users` array — never a partial frame
 * @example
 * ```ts
 * const { frame } = parseUsersPage(Buffer.from('{"users":[{"id":"8a81","email":"a@x.com","active":true}]}'));
 * frame.getColumn("email").toArray() //=> ["a@x.com"]
 * ```
 */
export function parseUsersPage(body: Uint8Array): UsersPage {
  const root = readJsonBody(body, "an Anaplan users page");
  const rows = listOf(root, "users", "an Anaplan users page", body);
  const n = rows.length;
  const columns = {
    id: new Array<string | null>(n),
    email: new Array<string | null>(n),
    firstName: new Array<string | null>(n),
    lastName: new Array<string | null>(n),
    active: new Array<boolean | null>(n),
    emailOptIn: new Array<boolean | null>(n),
    customerId: new Array<string | null>(n),
    lastLoginDate: new Array<number | null>(n),
  };
  for (let i = 0; i < n; i++) {
    const user = rows[i] as Record<string, unknown>;
    columns.id[i] = textOf(user.id);
    columns.email[i] = textOf(user.email);
    columns.firstName[i] = textOf(user.firstName);
    columns.lastName[i] = textOf(user.lastName);
    columns.active[i] = flagOf(user.active);
    columns.emailOptIn[i] = flagOf(user.emailOptIn);
    columns.customerId[i] = textOf(user.customerId);
    columns.lastLoginDate[i] = msOf(user.lastLoginDate);
  }
  return {
    frame: frameFromColumns(ANAPLAN_USER_SCHEMA, columns, n),
    paging: readPaging(root as Record<string, unknown>),
  };
}
