import { randomHex, seededRandom } from "../random.js";
import type { AnaplanTenant, TenantUser } from "./anaplan-tenant.js";

/** A workspace of the synthetic tenant. */
export interface SimWorkspace {
  /** 32-hex lowercase id. */
  id: string;
  name: string;
  active: boolean;
  sizeAllowance: number;
}

/** A model as `GET /2/0/models` lists it (id in upper case, as Anaplan does). */
export interface SimModel {
  id: string;
  name: string;
  activeState: "UNLOCKED" | "LOCKED";
  currentWorkspaceId: string;
  currentWorkspaceName: string;
}

/** A visitor from another tenant (no account here; e-mail only). */
export interface SimVisitor {
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
}

/**
 * One fact of the served entitlement state, as a text key:
 * `access|<wsId>|<userId>`, `admin|<wsId>|<email>`, `visitor|<wsId>|<email>`,
 * `exception|<wsId>|<userId>`, `licence|<licence>|<userId>`.
 */
export type EntitlementFact = string;

/**
 * The served facts at one time, with the indexes the routes answer from (built once per set of
 * planted changes in effect, so a page costs its own rows, not the whole state).
 */
export interface ServedFacts {
  facts: ReadonlySet<EntitlementFact>;
  /** `<kind>|<wsId>` → the third parts of its facts (user ids or e-mails), sorted. */
  byWorkspace: ReadonlyMap<string, readonly string[]>;
  /** User id → the licences it holds, sorted. */
  licences: ReadonlyMap<string, readonly string[]>;
}

/** A change to the served state that no audit event records (ground truth of the simulator). */
export interface PlantedChange {
  /** When it takes effect (epoch ms). */
  at: number;
  fact: EntitlementFact;
  change: "grant" | "revoke";
}

/** The licence names the simulator hands out (Anaplan does not publish a list). */
export const SIM_LICENCES = Object.freeze(["Professional", "Page Builder", "Enterprise"]);

const WORKSPACE_NAMES = ["Finance", "Sales", "Supply Chain", "People Planning", "IT Planning", "Corporate"];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The entitlements of the synthetic Anaplan tenant that the public APIs serve (workspaces, models,
 * workspace access, administrators, visitors, SSO exceptions, licences): a baseline that is a pure
 * function of the seed and the tenant, plus a documented set of planted changes that no audit
 * event records (the "unexplained" changes an access review must find). The planted changes fall
 * on the four UTC days after `originDay` (the simulator's start day): day+1 10:00 access granted,
 * day+1 14:00 an administrator removed, day+2 09:00 an SSO exception granted, day+2 16:00 a
 * licence granted, day+3 11:00 access revoked. Given the EPM tenant's Service Administrators, it
 * also plants one segregation-of-duties conflict: the first of them with an active Anaplan
 * account administers a workspace ({@link EntitlementState.adminConflict}); the others are kept
 * off workspace administration, so that conflict is the only one.
 *
 * @example
 * ```ts
 * const state = new EntitlementState(tenant, 1, Date.parse("2026-11-01T00:00:00Z"));
 * state.factsAt(Date.parse("2026-11-03T00:00:00Z")).size === state.baseline.size //=> true (one grant, one revoke)
 * ```
 */
export class EntitlementState {
  readonly workspaces: SimWorkspace[];
  readonly models: SimModel[];
  /** Visitors by e-mail. */
  readonly visitors: Map<string, SimVisitor>;
  readonly baseline: ReadonlySet<EntitlementFact>;
  readonly planted: readonly PlantedChange[];
  /**
   * The lower-cased e-mail of the person planted as a workspace administrator who is also an EPM
   * Service Administrator (the segregation-of-duties conflict), or null when no Service
   * Administrator has an active Anaplan account (or none were given).
   */
  readonly adminConflict: string | null;
  readonly #tenant: AnaplanTenant;
  readonly #served = new Map<string, ServedFacts>();
  #listedById: Map<string, TenantUser> | undefined;

  /**
   * @param tenant - the synthetic tenant (its listed accounts get the entitlements)
   * @param seed - the simulator seed
   * @param originDay - start of the UTC day the simulator started on (epoch ms)
   * @param epmServiceAdmins - e-mails of the EPM tenant's Service Administrators. @default none
   */
  constructor(
    tenant: AnaplanTenant,
    seed: number,
    originDay: number,
    epmServiceAdmins: readonly string[] = [],
  ) {
    this.#tenant = tenant;
    const count = 3 + Math.min(3, Math.floor(tenant.listed.length / 100));
    this.workspaces = Array.from({ length: count }, (_, i) => {
      const r = seededRandom(seed, 0x3a11, i);
      return {
        id: randomHex(r, 32),
        name: WORKSPACE_NAMES[i]!,
        active: i !== count - 1,
        sizeAllowance: 1_073_741_824 * (1 + Math.floor(r() * 8)),
      };
    });
    this.models = tenant.models.map((m, i) => {
      const ws = this.workspaces[i % this.workspaces.length]!;
      return {
        id: m.id.toUpperCase(),
        name: m.name,
        activeState: i % 5 === 4 ? "LOCKED" : "UNLOCKED",
        currentWorkspaceId: ws.id,
        currentWorkspaceName: ws.name,
      };
    });
    const facts = new Set<EntitlementFact>();
    const people = tenant.listed;
    people.forEach((u, i) => {
      const r = seededRandom(seed, 0xe471, i);
      const n = 1 + Math.floor(r() * 3);
      for (let k = 0; k < n; k++) facts.add(`access|${this.workspaces[Math.floor(r() * count)]!.id}|${u.id}`);
      if (u === tenant.auditor) return;
      facts.add(`licence|${SIM_LICENCES[r() < 0.8 ? 0 : 2]}|${u.id}`);
      if (r() < 0.1) facts.add(`licence|${SIM_LICENCES[1]}|${u.id}`);
    });
    const serviceAdmins = new Set(epmServiceAdmins.map((e) => e.trim().toLowerCase()));
    const conflict = people.find(
      (u) => u.active && u !== tenant.auditor && serviceAdmins.has(u.email.toLowerCase()),
    );
    this.adminConflict = conflict ? conflict.email.toLowerCase() : null;
    // Only the planted conflict administers both: other Service Administrators administer no workspace.
    const mayAdminister = (u: TenantUser) => u === conflict || !serviceAdmins.has(u.email.toLowerCase());
    tenant.admins.forEach((a, i) => {
      if (!mayAdminister(a)) return;
      facts.add(`admin|${this.workspaces[i % count]!.id}|${a.email}`);
      if (i % 2 === 0) facts.add(`admin|${this.workspaces[(i + 1) % count]!.id}|${a.email}`);
    });
    // A disabled account that still administers a workspace: what a review must flag.
    const disabled = tenant.disabled[0];
    if (disabled && mayAdminister(disabled)) facts.add(`admin|${this.workspaces[0]!.id}|${disabled.email}`);
    // The conflict administers the second workspace (the planted revoke is on the first).
    if (conflict) facts.add(`admin|${this.workspaces[1]!.id}|${conflict.email}`);
    this.visitors = new Map();
    for (let i = 0; i < 3; i++) {
      const v: SimVisitor = {
        email: `guest${i + 1}@partner.example`,
        firstName: "Guest",
        lastName: `Partner ${i + 1}`,
        active: i !== 2,
      };
      this.visitors.set(v.email, v);
      facts.add(`visitor|${this.workspaces[i % 2]!.id}|${v.email}`);
    }
    const withAccess = (ws: SimWorkspace) =>
      people.filter((u) => u !== tenant.auditor && facts.has(`access|${ws.id}|${u.id}`));
    for (const u of withAccess(this.workspaces[0]!).slice(0, 3))
      facts.add(`exception|${this.workspaces[0]!.id}|${u.id}`);
    this.baseline = facts;
    this.planted = this.#plant(originDay, facts);
  }

  /** The served facts at `now`: the baseline with the planted changes that took effect by then. */
  factsAt(now: number): Set<EntitlementFact> {
    const facts = new Set(this.baseline);
    for (const p of this.planted) {
      if (p.at > now) continue;
      if (p.change === "grant") facts.add(p.fact);
      else facts.delete(p.fact);
    }
    return facts;
  }

  /**
   * The served facts at `now` with their indexes, read-only and shared: computed once per set of
   * planted changes in effect (at most six), so the routes do not copy and scan the whole state
   * per request.
   */
  servedAt(now: number): ServedFacts {
    const key = this.planted.map((p) => (p.at > now ? "0" : "1")).join("");
    let served = this.#served.get(key);
    if (!served) {
      const facts = this.factsAt(now);
      const byWorkspace = new Map<string, string[]>();
      const licences = new Map<string, string[]>();
      for (const f of facts) {
        const [kind, scope, who] = f.split("|") as [string, string, string];
        const [map, k, v] =
          kind === "licence" ? [licences, who, scope] : [byWorkspace, `${kind}|${scope}`, who];
        const list = map.get(k);
        if (list) list.push(v);
        else map.set(k, [v]);
      }
      for (const list of byWorkspace.values()) list.sort();
      for (const list of licences.values()) list.sort();
      served = { facts, byWorkspace, licences };
      this.#served.set(key, served);
    }
    return served;
  }

  /** The listed account with this id. */
  user(id: string): TenantUser | undefined {
    if (!this.#listedById) {
      this.#listedById = new Map();
      for (const u of this.#tenant.listed) if (!this.#listedById.has(u.id)) this.#listedById.set(u.id, u);
    }
    return this.#listedById.get(id);
  }

  #plant(originDay: number, facts: ReadonlySet<EntitlementFact>): PlantedChange[] {
    const people = this.#tenant.listed.filter((u) => u !== this.#tenant.auditor && u.active);
    const ws0 = this.workspaces[0]!;
    const ws1 = this.workspaces[1]!;
    const lacking = (fact: (u: TenantUser) => string) => people.find((u) => !facts.has(fact(u)))!;
    const holding = (fact: (u: TenantUser) => string, skip = 0) =>
      people.filter((u) => facts.has(fact(u)))[skip]!;
    const accessGrant = lacking((u) => `access|${ws1.id}|${u.id}`);
    const admin = [...facts].find((f) => f.startsWith(`admin|${ws0.id}|`))!;
    const exception = people.find(
      (u) => facts.has(`access|${ws0.id}|${u.id}`) && !facts.has(`exception|${ws0.id}|${u.id}`),
    )!;
    const licence = lacking((u) => `licence|${SIM_LICENCES[1]}|${u.id}`);
    const accessRevoke = holding((u) => `access|${ws0.id}|${u.id}`, 7);
    const at = (day: number, hour: number) => originDay + day * DAY_MS + hour * HOUR_MS;
    return [
      { at: at(1, 10), fact: `access|${ws1.id}|${accessGrant.id}`, change: "grant" },
      { at: at(1, 14), fact: admin, change: "revoke" },
      { at: at(2, 9), fact: `exception|${ws0.id}|${exception.id}`, change: "grant" },
      { at: at(2, 16), fact: `licence|${SIM_LICENCES[1]}|${licence.id}`, change: "grant" },
      { at: at(3, 11), fact: `access|${ws0.id}|${accessRevoke.id}`, change: "revoke" },
    ];
  }
}
