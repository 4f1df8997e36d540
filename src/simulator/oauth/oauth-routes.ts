import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../respond.js";
import type { SimulatedApi } from "../service.js";
import type { SimOAuthAnswer, SimOAuthServer } from "./sim-oauth-server.js";

/** Paths of one authorization server's endpoints, relative to its mount. */
export interface SimOAuthPaths {
  device: string;
  token: string;
  /** The authorization-code endpoint (Anaplan only). */
  authorize?: string | undefined;
  /** The verification page: opening it with `?user_code=…` approves that code (the simulated user says yes). */
  activate: string;
  /** Whether JSON bodies are accepted besides form bodies (Anaplan: yes; the identity domain: no). */
  acceptJson: boolean;
}

/**
 * The HTTP face of a {@link SimOAuthServer}: reads JSON or form bodies and HTTP Basic client
 * authentication, and answers as the real servers do (JSON bodies, `error` + `error_description`).
 *
 * @param server - the simulated authorization server
 * @param paths - where its endpoints are
 * @returns the route handler the simulator mounts
 * @example
 * ```ts
 * const api = createOAuthRoutes(server, { device: "/oauth/device/code", token: "/oauth/token", acceptJson: true });
 * ```
 */
export function createOAuthRoutes(server: SimOAuthServer, paths: SimOAuthPaths): SimulatedApi {
  return {
    async handle(req, res, path, url) {
      const route = `${req.method} ${path}`;
      if (paths.authorize && route === `GET ${paths.authorize}`)
        return send(res, server.authorize(url.searchParams));
      if (route === `GET ${paths.activate}`)
        return activate(server, res, url.searchParams.get("user_code") ?? "");
      if (route !== `POST ${paths.device}` && route !== `POST ${paths.token}`) {
        return sendJson(res, 404, { error: "not_found", error_description: `No OAuth endpoint ${route}` });
      }
      const fields = await readFields(req, paths.acceptJson);
      if (!fields) {
        return sendJson(res, 400, {
          error: "invalid_request",
          error_description: "The body must be form fields (or JSON where accepted)",
        });
      }
      if (route === `POST ${paths.device}`) return send(res, server.device(fields));
      return send(res, server.token(fields, basicClient(req)));
    },
  };
}

function activate(server: SimOAuthServer, res: ServerResponse, userCode: string): void {
  const approved = server.approve(userCode.trim().toUpperCase());
  const text = approved
    ? "Approved. The simulated user allowed the sign-in; return to the terminal."
    : "No pending sign-in has this code (expired, used, or mistyped). Open the URL the terminal shows.";
  const body = Buffer.from(`<!doctype html><title>Simulated sign-in</title><p>${text}</p>`);
  res.writeHead(approved ? 200 : 404, {
    "content-type": "text/html; charset=utf-8",
    "content-length": body.length,
  });
  res.end(body);
}

function send(res: ServerResponse, answer: SimOAuthAnswer): void {
  if ("location" in answer) {
    res.writeHead(302, { location: answer.location, "content-length": 0 });
    res.end();
    return;
  }
  sendJson(res, answer.status, answer.body, { "cache-control": "no-store" });
}

async function readFields(
  req: IncomingMessage,
  acceptJson: boolean,
): Promise<Record<string, string> | undefined> {
  const text = (await readBody(req)).toString("utf8");
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim();
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  if (type !== "application/json" || !acceptJson) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function basicClient(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon > 0 ? { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) } : undefined;
}
