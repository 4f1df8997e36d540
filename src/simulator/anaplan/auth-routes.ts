import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../respond.js";
import type { SimulatedApi } from "../service.js";
import { type AnaplanContext, readAuthorization } from "./anaplan-context.js";
import type { IssuedToken } from "./token-store.js";

/**
 * The simulated Anaplan auth service (`{base}/anaplan/auth`, like `https://auth.anaplan.com`):
 * - `POST /token/authenticate` with `Basic b64(email:password)` or `CACertificate <b64 cert>`
 *   and a v2 signed body → 201 token response;
 * - `POST /token/refresh` (`AnaplanAuthToken`) → 200, same tokenValue, later expiresAt;
 * - `GET /token/validate` → 200 with tokenInfo and userInfo;
 * - `POST /token/logout` → 204.
 * Errors: 401 `{status:"FAILURE_BAD_CREDENTIAL", statusMessage}`, 400 `FAILURE_BAD_HEADER`.
 *
 * @param ctx - shared Anaplan state
 * @returns the route handler the server mounts at `/anaplan/auth`
 */
export function createAuthRoutes(ctx: AnaplanContext): SimulatedApi {
  return {
    async handle(req, res, path) {
      const route = `${req.method} ${path}`;
      switch (route) {
        case "POST /token/authenticate":
          ctx.counters.authenticate++;
          return authenticate(ctx, req, res);
        case "POST /token/refresh":
          ctx.counters.refresh++;
          return refresh(ctx, req, res);
        case "GET /token/validate":
          ctx.counters.validate++;
          return validate(ctx, req, res);
        case "POST /token/logout":
          ctx.counters.logout++;
          return logout(ctx, req, res);
        default:
          return sendJson(res, 404, {
            status: "FAILURE_NOT_FOUND",
            statusMessage: `No auth endpoint ${route}`,
          });
      }
    },
  };
}

async function authenticate(ctx: AnaplanContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = readAuthorization(req);
  const body = await readBody(req);
  if (auth?.scheme === "Basic") {
    const decoded = Buffer.from(auth.value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return badHeader(res, "The Basic credentials must be base64 of email:password");
    const email = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (
      email.toLowerCase() !== ctx.credentials.email.toLowerCase() ||
      password !== ctx.credentials.password
    ) {
      return sendJson(res, 401, {
        status: "FAILURE_BAD_CREDENTIAL",
        statusMessage: "Invalid username or password",
      });
    }
    return sendToken(ctx, res, 201, ctx.tokens.issue(ctx.tenant.auditor), "Login successful");
  }
  if (auth?.scheme === "CACertificate") {
    const result = ctx.certificateLogin.verify(auth.value, body);
    if (!result.ok) {
      return sendJson(res, result.httpStatus, { status: result.status, statusMessage: result.statusMessage });
    }
    return sendToken(ctx, res, 201, ctx.tokens.issue(ctx.tenant.auditor), "Login successful");
  }
  return badHeader(res, "The Authorization header must be Basic or CACertificate");
}

async function refresh(ctx: AnaplanContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = readAuthorization(req);
  if (auth?.scheme !== "AnaplanAuthToken") {
    return badHeader(res, "The Authorization header must be AnaplanAuthToken <token>");
  }
  const token = ctx.tokens.refresh(auth.value, !ctx.faults.rejectExpiredRefresh);
  if (typeof token === "string") return badToken(res, token);
  return sendToken(ctx, res, 200, token, "Token refreshed");
}

async function validate(ctx: AnaplanContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = readAuthorization(req);
  if (auth?.scheme !== "AnaplanAuthToken") {
    return badHeader(res, "The Authorization header must be AnaplanAuthToken <token>");
  }
  const token = ctx.tokens.check(auth.value);
  if (typeof token === "string") return badToken(res, token);
  sendJson(res, 200, {
    meta: { validationUrl: `${ctx.urls().authUrl}/token/validate` },
    status: "SUCCESS",
    statusMessage: "Token validated",
    tokenInfo: { expiresAt: token.expiresAt, tokenId: token.tokenId },
    userInfo: { userGuid: token.user.id, userId: token.user.email, customerGuid: ctx.tenant.tenantId },
  });
}

async function logout(ctx: AnaplanContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = readAuthorization(req);
  if (auth?.scheme !== "AnaplanAuthToken") {
    return badHeader(res, "The Authorization header must be AnaplanAuthToken <token>");
  }
  if (!ctx.tokens.logout(auth.value)) return badToken(res, "unknown");
  res.writeHead(204);
  res.end();
}

function sendToken(
  ctx: AnaplanContext,
  res: ServerResponse,
  status: number,
  token: IssuedToken,
  statusMessage: string,
): void {
  sendJson(res, status, {
    meta: { validationUrl: `${ctx.urls().authUrl}/token/validate` },
    status: "SUCCESS",
    statusMessage,
    tokenInfo: {
      tokenId: token.tokenId,
      tokenValue: token.tokenValue,
      expiresAt: token.expiresAt,
      refreshTokenId: token.refreshTokenId,
    },
  });
}

function badHeader(res: ServerResponse, statusMessage: string): void {
  sendJson(res, 400, { status: "FAILURE_BAD_HEADER", statusMessage });
}

function badToken(res: ServerResponse, problem: "unknown" | "expired"): void {
  sendJson(res, 401, {
    status: "FAILURE_BAD_CREDENTIAL",
    statusMessage: problem === "expired" ? "The token has expired" : "The token is not valid",
  });
}
