import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { EntitlementRoleError } from "../../errors/entitlement-role-error.js";
import { PayloadError } from "../../errors/payload-error.js";
import { type Simulator, startSimulator } from "../../simulator/start-simulator.js";
import { AnaplanClient } from "../anaplan-client.js";
import { ANAPLAN_ENTITLEMENT_SCHEMAS } from "./anaplan-entitlement-schemas.js";

// Real HTTP to the simulator throughout; the expected rows come from its ground truth.
const NOW = Date.parse("2026-11-15T12:00:00Z");
let sim: Simulator;
let anaplan: AnaplanClient;

before(async () => {
  sim = await startSimulator({
    seed: 7,
    clock: { start: NOW, frozen: true },
    anaplan: { users: 300, eventsPerDay: 50 },
  });
  anaplan = new AnaplanClient({
    ...sim.anaplan.clientOptions,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
});
after(async () => {
  await anaplan.close();
  await sim.close();
});
beforeEach(() => {
  Object.assign(sim.anaplan.entitlements.controls, {
    userAdmin: true,
    tenantAdmin: true,
    scimIgnoreStartIndex: false,
    scimTotalResults: undefined,
    listsIgnoreOffset: false,
    listsPageCap: undefined,
  });
  sim.requests.length = 0;
});

const facts = () => [...sim.anaplan.entitlements.factsAt(sim.clock.now())];
const of = (kind: string) =>
  facts()
    .filter((f) => f.startsWith(`${kind}|`))
    .map((f) => f.split("|"));
const emailOf = (id: string) => sim.anaplan.users().find((u) => u.id === id)!.email;
const wsName = (id: string) => sim.anaplan.entitlements.workspaces.find((w) => w.id === id)!.name;
const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe("anaplan.entitlements", () => {
  test("users(): every SCIM page of 100 (1-based startIndex), past the page limit, exact ids", async () => {
    const users = await anaplan.entitlements.users();
    const truth = sim.anaplan.users();
    assert.ok(truth.length > 200, `${truth.length} users: three pages at least`);
    assert.deepEqual(users.columns, Object.keys(ANAPLAN_ENTITLEMENT_SCHEMAS.users));
    assert.deepEqual(
      users.getColumn("id").toArray(),
      truth.map((u) => u.id),
    );
    assert.deepEqual(
      users.getColumn("active").toArray(),
      truth.map((u) => u.active),
    );
    const pages = sim.requests.filter((r) => r.path.startsWith("/scim/"));
    assert.equal(pages.length, Math.ceil(truth.length / 100));
  });

  test("workspaceAccess(): one row per WORKSPACE entitlement, equal to the served state", async () => {
    const access = await anaplan.entitlements.workspaceAccess();
    const expected = of("access").map(([, ws, user]) => ({
      userId: user,
      email: emailOf(user!),
      workspaceId: ws,
      workspaceName: wsName(ws!),
    }));
    assert.deepEqual(sorted(access.toRecords()), sorted(expected));
  });

  test("workspaces() and models(): names and ids as served", async () => {
    const ws = await anaplan.entitlements.workspaces();
    assert.deepEqual(
      ws.toRecords(),
      sim.anaplan.entitlements.workspaces.map((w) => ({
        id: w.id,
        name: w.name,
        active: w.active,
        sizeAllowance: w.sizeAllowance,
      })),
    );
    const models = await anaplan.entitlements.models();
    assert.deepEqual(
      models.toRecords(),
      sim.anaplan.entitlements.models.map((m) => ({
        id: m.id,
        name: m.name,
        activeState: m.activeState,
        workspaceId: m.currentWorkspaceId,
        workspaceName: m.currentWorkspaceName,
      })),
    );
  });

  test("workspaceAdmins(): admins and visitors joined to users on the lower-cased e-mail", async () => {
    const users = await anaplan.audit.listUsers();
    const admins = await anaplan.entitlements.workspaceAdmins({ users });
    const expected = [...of("admin"), ...of("visitor")].map(([kind, ws, email]) => {
      const user = sim.anaplan.users().find((u) => u.email === email);
      return {
        workspaceId: ws,
        workspaceName: wsName(ws!),
        kind,
        email,
        userId: user?.id ?? null,
      };
    });
    assert.deepEqual(
      sorted(admins.select("workspaceId", "workspaceName", "kind", "email", "userId").toRecords()),
      sorted(expected),
    );
    // The disabled administrator and the visitors (no account here) are kept.
    assert.equal(admins.filter(admins.getColumn("active").not()).height, 2);
    assert.equal(admins.filter(admins.getColumn("userId").isNull()).height, 3);
  });

  test("exceptionUsers() and licences(): one search per workspace; licences split from the quoted cell", async () => {
    const exceptions = await anaplan.entitlements.exceptionUsers();
    assert.deepEqual(
      sorted(exceptions.toRecords()),
      sorted(
        of("exception").map(([, ws, user]) => ({
          workspaceId: ws,
          workspaceName: wsName(ws!),
          userId: user,
          email: emailOf(user!),
        })),
      ),
    );
    const licences = await anaplan.entitlements.licences();
    assert.deepEqual(
      sorted(licences.select("email", "licence").toRecords()),
      sorted(of("licence").map(([, licence, user]) => ({ email: emailOf(user!), licence }))),
    );
    assert.ok(licences.getColumn("licence").toArray().includes("Page Builder"));
  });

  test("snapshot(): entitlement rows of every source, person = e-mail", async () => {
    const snapshot = await anaplan.entitlements.snapshot();
    const counts = Object.fromEntries(
      (snapshot.groupBy("source").len().toRecords() as Array<{ source: string; len: number }>).map((r) => [
        r.source,
        Number(r.len),
      ]),
    );
    assert.deepEqual(counts, {
      scim: of("access").length,
      "integration-api": of("admin").length + of("visitor").length,
      "exception-users": of("exception").length,
      "user-export": of("licence").length,
    });
  });

  test("role gates: a typed error naming the missing role", async () => {
    sim.anaplan.entitlements.controls.userAdmin = false;
    await assert.rejects(anaplan.entitlements.users(), (e: unknown) => {
      assert.ok(e instanceof EntitlementRoleError);
      assert.equal(e.code, "E_MISSING_ROLE");
      assert.equal(e.role, "User Admin");
      assert.equal(e.status, 403);
      assert.match(e.message, /needs the User Admin role/);
      return true;
    });
    sim.anaplan.entitlements.controls.tenantAdmin = false;
    sim.requests.length = 0;
    await assert.rejects(anaplan.entitlements.workspaceAdmins(), (e: unknown) => {
      assert.ok(e instanceof EntitlementRoleError);
      assert.equal(e.role, "Tenant Admin");
      assert.equal(e.status, 500);
      return true;
    });
    // The role-gated 500 is asked twice, not retried in a loop.
    assert.equal(sim.requests.filter((r) => r.path.endsWith("/admins")).length, 2);
    await assert.rejects(anaplan.entitlements.licences(), (e: unknown) => {
      assert.ok(e instanceof EntitlementRoleError);
      assert.equal(e.role, "Tenant Admin");
      assert.equal(e.status, 401);
      assert.equal(e.apiStatus, "ACCESS_CONTROL_DENIED");
      return true;
    });
  });

  test("Integration API lists: a server page cap is followed; a server ignoring offset is refused", async () => {
    sim.anaplan.entitlements.controls.listsPageCap = 3;
    const models = await anaplan.entitlements.models();
    assert.deepEqual(
      models.getColumn("id").toArray(),
      sim.anaplan.entitlements.models.map((m) => m.id),
    );
    assert.equal(
      sim.requests.filter((r) => r.path === "/2/0/models").length,
      Math.ceil(sim.anaplan.entitlements.models.length / 3),
    );
    sim.anaplan.entitlements.controls.listsIgnoreOffset = true;
    await assert.rejects(anaplan.entitlements.models(), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(
        e.message,
        /Anaplan models: asked for the page at 3 but the server answered the page at 0/,
      );
      return true;
    });
  });

  test("hostile paging is refused, never returned as a short list", async () => {
    sim.anaplan.entitlements.controls.scimIgnoreStartIndex = true;
    await assert.rejects(anaplan.entitlements.users(), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /asked for the page at 100 but the server answered the page at 0/);
      return true;
    });
    sim.anaplan.entitlements.controls.scimIgnoreStartIndex = false;
    sim.anaplan.entitlements.controls.scimTotalResults = 1e9;
    sim.requests.length = 0;
    await assert.rejects(anaplan.entitlements.users(), (e: unknown) => {
      assert.ok(e instanceof PayloadError);
      assert.match(e.message, /announces 1000000000 rows, more than the 1000000/);
      return true;
    });
    assert.equal(sim.requests.filter((r) => r.path.startsWith("/scim/")).length, 1);
  });
});
