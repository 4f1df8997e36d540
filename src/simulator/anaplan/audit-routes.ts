import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../respond.js";
import type { SimulatedApi } from "../service.js";
import { type AnaplanContext, readAuthorization } from "./anaplan-context.js";
import { afterDataRequest, hostilePaging, hostileSlice } from "./anaplan-faults.js";
import { type AuditQuery, type AuditQueryInput, parseAuditQuery } from "./audit-query.js";

const EVENTS = "/audit/api/1/events";
const SEARCH = "/audit/api/1/events/search";
const RESPONSE_HEAD = Buffer.from(',"response":[');
const RESPONSE_TAIL = Buffer.from("]}");

/**
 * The simulated Audit API (`{base}/anaplan/audit`, so the client's auditUrl is
 * `{base}/anaplan/audit/audit/api/1`): `GET /events` (type, dateFrom, dateTo, intervalInHours,
 * limit, offset) and `POST /events/search` (query type, limit, offset; JSON body from, to,
 * interval). Answers `{meta:{paging:{currentPageSize,totalSize,offSet,nextOffset?,nextUrl?,
 * previousUrl?}}, response:[...]}`, events sorted by eventDate then id, ids as bare JSON numbers.
 * Only `Authorization: AnaplanAuthToken <token>` is accepted (Bearer → 401).
 *
 * @param ctx - shared Anaplan state
 * @returns the route handler the server mounts at `/anaplan/audit`
 */
export function createAuditRoutes(ctx: AnaplanContext): SimulatedApi {
  return {
    async handle(req, res, path, url) {
      const search = req.method === "POST" && path === SEARCH;
      if (!search && !(req.method === "GET" && path === EVENTS)) {
        return sendJson(res, 404, {
          status: "FAILURE_NOT_FOUND",
          statusMessage: `No audit endpoint ${req.method} ${path}`,
        });
      }
      const body = search ? await readBody(req) : undefined;
      if (!authorised(ctx, req, res)) return;
      const q = url.searchParams;
      const input: AuditQueryInput = {
        type: q.get("type"),
        limit: q.get("limit"),
        offset: q.get("offset"),
        from: q.get("dateFrom"),
        to: q.get("dateTo"),
        interval: q.get("intervalInHours"),
      };
      if (body) {
        let json: Record<string, unknown> = {};
        try {
          const parsed: unknown = body.length > 0 ? JSON.parse(body.toString("utf8")) : {};
          if (parsed && typeof parsed === "object") json = parsed as Record<string, unknown>;
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          return badRequest(res, 'The body must be JSON like {"from": <ms>, "to": <ms>}');
        }
        const field = (k: string) =>
          typeof json[k] === "number" || typeof json[k] === "string" ? json[k] : null;
        input.from = field("from");
        input.to = field("to");
        input.interval = field("interval");
      }
      const now = ctx.now();
      const query = parseAuditQuery(input, now);
      if ("error" in query) return badRequest(res, query.error);
      servePage(ctx, res, query, now, search);
    },
  };
}

/** Checks the token header and the Tenant Auditor role; answers 401 and returns false if not. */
function authorised(ctx: AnaplanContext, req: IncomingMessage, res: ServerResponse): boolean {
  const auth = readAuthorization(req);
  if (auth?.scheme !== "AnaplanAuthToken") {
    sendJson(res, 401, {
      status: "FAILURE_BAD_HEADER",
      statusMessage: "No valid token header found for the request",
    });
    return false;
  }
  const token = ctx.tokens.check(auth.value);
  if (typeof token === "string") {
    sendJson(res, 401, {
      status: "FAILURE_BAD_CREDENTIAL",
      statusMessage: token === "expired" ? "The token has expired" : "The token is not valid",
    });
    return false;
  }
  if (ctx.faults.missingRole) {
    sendJson(res, 401, {
      status: "FAILURE_UNAUTHORIZED_USER_ACTION",
      statusMessage: "The user does not have the Tenant Auditor role required for this action",
    });
    return false;
  }
  return true;
}

function servePage(
  ctx: AnaplanContext,
  res: ServerResponse,
  query: AuditQuery,
  now: number,
  search: boolean,
): void {
  let limit = query.limit;
  if (limit > 10_000) {
    if (ctx.faults.limitOver10000 === "no-content") {
      res.writeHead(204);
      res.end();
      return;
    }
    if (ctx.faults.limitOver10000 === "cap") limit = 10_000;
  }
  if (ctx.faults.pageSizeCap !== undefined) limit = Math.min(limit, ctx.faults.pageSizeCap);

  const window = { from: query.from, to: query.to, category: query.category };
  const totalSize = ctx.store.count(window, now);
  const served = hostileSlice(ctx.faults, query.offset, limit);
  const page = ctx.store.page(window, now, served.offset, served.limit);
  const paging: Record<string, number | string> = {
    currentPageSize: page.rows,
    totalSize,
    offSet: query.offset,
  };
  const link = (offset: number) => {
    const base = `${ctx.urls().auditUrl}${search ? "/events/search" : "/events"}`;
    const params = new URLSearchParams();
    if (query.type !== undefined) params.set("type", query.type);
    if (!search) {
      params.set("dateFrom", String(query.from));
      params.set("dateTo", String(query.to));
    }
    params.set("limit", String(query.limit));
    params.set("offset", String(offset));
    return `${base}?${params}`;
  };
  const next = query.offset + page.rows;
  if (page.rows > 0 && next < totalSize) {
    paging.nextOffset = next;
    paging.nextUrl = link(next);
  }
  if (query.offset > 0) paging.previousUrl = link(Math.max(0, query.offset - limit));

  const sent = hostilePaging(ctx.faults, paging);
  const head = sent
    ? Buffer.from(JSON.stringify({ meta: { paging: sent } }).slice(0, -1))
    : Buffer.from('{"status":"SUCCESS"');
  const chunks = page.chunks;
  if (chunks.length > 0) chunks[0] = chunks[0]!.subarray(1); // drop the first event's leading comma
  if (chunks.length > 0 && ctx.faults.deepJson !== undefined)
    chunks[0] = deepen(chunks[0]!, ctx.faults.deepJson);
  send(res, [head, RESPONSE_HEAD, ...chunks, RESPONSE_TAIL]);
  ctx.counters.auditPages++;
  afterDataRequest(ctx.faults, ctx.counters.auditPages + ctx.counters.usersPages, () =>
    ctx.tokens.expireAll(),
  );

  if (query.offset === 0 && ctx.faults.insertTimesLeft > 0 && page.rows > 0) {
    ctx.faults.insertTimesLeft--;
    ctx.counters.insertedEvents += ctx.store.insertLate(window, now, ctx.faults.insertEvents);
  }
}

/**
 * Sends the page parts. A page of whole hours is a few large slices: they are written as they
 * are (no copy). Pages of many small slices (type filters), and responses a transport fault is
 * rewriting (it replaces `res.end`), get one concatenated body.
 */
function send(res: ServerResponse, parts: Buffer[]): void {
  if (parts.length > 256 || Object.hasOwn(res, "end") || Object.hasOwn(res, "writeHead")) {
    sendJson(res, 200, Buffer.concat(parts));
    return;
  }
  let length = 0;
  for (const part of parts) length += part.length;
  res.writeHead(200, { "content-type": "application/json", "content-length": length });
  res.cork();
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
  res.end(parts[parts.length - 1]);
}

/** The first event of `chunk` with `additionalAttributes` nested `depth` arrays deep (valid JSON). */
function deepen(chunk: Buffer, depth: number): Buffer {
  const text = chunk.toString("utf8");
  const end = text.indexOf("}");
  if (!text.startsWith("{") || end < 0) return chunk;
  // The first event is an object with no nested braces before its first "}".
  const nested = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
  return Buffer.from(`{"additionalAttributes":${nested},${text.slice(1)}`);
}

function badRequest(res: ServerResponse, statusMessage: string): void {
  sendJson(res, 400, { status: "FAILURE_BAD_REQUEST", statusMessage });
}
