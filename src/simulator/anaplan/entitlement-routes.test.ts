import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Simulator, startSimulator } from "../start-simulator.js";

// The simulated entitlement endpoints against the reference's contract, over real HTTP.
let sim: Simulator;
let token: string;
let host: string;
before(async () => {
  sim = await startSimulator({ seed: 2, clock: { start: Date.parse("2026-11-15T12:00:00Z"), frozen: true } });
  const { email, password } = sim.anaplan.credentials;
  const res = await fetch(`${sim.anaplan.urls.authUrl}/token/authenticate`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}` },
  });
  token = JSON.parse(await res.text()).tokenInfo.tokenValue;
  host = sim.anaplan.urls.apiUrl.replace(/\/2\/0$/, "");
});
after(() => sim.close());

async function call(path: string, init: RequestInit & { scheme?: string } = {}) {
  const res = await fetch(`${host}${path}`, {
    ...init,
    headers: { authorization: `${init.scheme ?? "AnaplanAuthToken"} ${token}`, ...(init.headers ?? {}) },
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    text,
    // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary JSON answers
    json: json as Record<string, any>,
  };
}

describe("SCIM /scim/1/0/v2", () => {
  test("Users: 1-based startIndex, count default 50, at most 100, scim+json", async () => {
    const first = await call("/scim/1/0/v2/Users");
    assert.equal(first.status, 200);
    assert.equal(first.type, "application/scim+json");
    assert.equal(first.json.startIndex, 1);
    assert.equal(first.json.itemsPerPage, 50);
    assert.equal(first.json.totalResults, sim.anaplan.users().length);
    const second = await call("/scim/1/0/v2/Users?startIndex=51&count=100");
    assert.equal(second.json.Resources[0].id, sim.anaplan.users()[50]!.id);
    const tooMany = await call("/scim/1/0/v2/Users?count=101");
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.scimType, "invalidValue");
    assert.equal(tooMany.json.status, "400");
  });

  test("filters: the supported subset; others 400 invalidValue", async () => {
    const user = sim.anaplan.users()[3]!;
    const byName = await call(
      `/scim/1/0/v2/Users?filter=${encodeURIComponent(`userName eq "${user.email}"`)}`,
    );
    assert.deepEqual(
      byName.json.Resources.map((r: { id: string }) => r.id),
      [user.id],
    );
    const byId = await call(
      `/scim/1/0/v2/Users?filter=${encodeURIComponent(`id eq "${user.id.toUpperCase()}"`)}`,
    );
    assert.equal(byId.json.totalResults, 1, "id comparisons ignore case");
    const refused = await call(`/scim/1/0/v2/Users?filter=${encodeURIComponent('displayName co "a"')}`);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.scimType, "invalidValue");
  });

  test("entitlements carry the three variants; DELETE 501; discovery without auth; 403 without User Admin", async () => {
    const page = await call("/scim/1/0/v2/Users?count=100");
    const withSpaces = page.json.Resources.find(
      (r: { entitlements: unknown[] }) => r.entitlements.length > 0,
    );
    const types = withSpaces.entitlements.map((e: { type: string }) => e.type);
    assert.deepEqual([...new Set(types)], ["WORKSPACE", "WORKSPACE_IDS", "WORKSPACE_NAMES"]);
    assert.equal((await call(`/scim/1/0/v2/Users/${withSpaces.id}`, { method: "DELETE" })).status, 501);
    const discovery = await fetch(`${host}/scim/1/0/v2/ServiceProviderConfig`);
    assert.equal(discovery.status, 200);
    await discovery.text();
    sim.anaplan.entitlements.controls.userAdmin = false;
    try {
      const refused = await call("/scim/1/0/v2/Users");
      assert.equal(refused.status, 403);
      assert.equal(refused.json.status, "403");
    } finally {
      sim.anaplan.entitlements.controls.userAdmin = true;
    }
  });
});

describe("Administration and Integration APIs", () => {
  test("users/export: CSV with Limit/Offset and a quoted multi-licence cell; Bearer gets 401 with an empty body", async () => {
    const page = await call("/admin/1/0/users/export?Limit=1000&Offset=0");
    assert.equal(page.status, 200);
    assert.equal(page.type, "text/csv");
    const lines = page.text.trim().split("\n");
    assert.equal(lines[0], "username,first_name,last_name,licenses");
    assert.equal(lines.length - 1, sim.anaplan.users().length);
    assert.ok(
      lines.some((l) => l.endsWith('"Page Builder,Professional"') || l.endsWith('"Enterprise,Page Builder"')),
    );
    const defaulted = await call("/admin/1/0/users/export");
    assert.equal(defaulted.text.trim().split("\n").length - 1, 10, "without Limit: the first 10 users");
    const bearer = await call("/admin/1/0/users/export?Limit=1", { scheme: "Bearer" });
    assert.deepEqual([bearer.status, bearer.text], [401, ""]);
  });

  test("exception search: exactly one criterion; Bearer gets FAILURE_BAD_HEADER", async () => {
    const ws = sim.anaplan.entitlements.workspaces[0]!;
    const post = (body: unknown, scheme?: string) =>
      call("/admin/1/0/permissions/exception-users/search", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
        ...(scheme && { scheme }),
      });
    const found = await post({ workspaceGuid: ws.id });
    assert.equal(found.status, 200);
    assert.equal(found.json.response[0].workspaceName, ws.name);
    assert.equal(found.json.response[0].users.length, 3);
    assert.equal((await post({})).status, 400);
    assert.equal((await post({ workspaceGuid: ws.id, userGuid: "x" })).status, 400);
    const bearer = await post({ workspaceGuid: ws.id }, "Bearer");
    assert.deepEqual([bearer.status, bearer.json.status], [400, "FAILURE_BAD_HEADER"]);
  });

  test("admins: no user id in items, e-mail only; 500 without Tenant Admin; 404 for an unknown workspace", async () => {
    const ws = sim.anaplan.entitlements.workspaces[0]!;
    const admins = await call(`/2/0/workspaces/${ws.id}/admins?limit=10&offset=0`);
    assert.equal(admins.status, 200);
    assert.deepEqual(Object.keys(admins.json.admins[0]).sort(), [
      "active",
      "email",
      "firstName",
      "lastName",
      "otherWorkspaces",
    ]);
    assert.equal((await call("/2/0/workspaces/ffff/admins")).status, 404);
    sim.anaplan.entitlements.controls.tenantAdmin = false;
    try {
      assert.equal((await call(`/2/0/workspaces/${ws.id}/visitors`)).status, 500);
    } finally {
      sim.anaplan.entitlements.controls.tenantAdmin = true;
    }
  });
});
