import type { SimulatedApi } from "../service.js";
import type { AnaplanContext } from "./anaplan-context.js";
import { createEntitlementRoutes, type EntitlementSimControls } from "./entitlement-routes.js";
import { EntitlementState, type SimModel, type SimWorkspace } from "./entitlement-state.js";
import type { EventSource } from "./generate-slot.js";
import { type SimRoleAssignment, TenantRoleHistory } from "./tenant-role-history.js";

/** A planted change as an access review should report it (ENTITLEMENT_SCHEMA vocabulary). */
export interface PlantedEntitlementChange {
  /** When it took effect (epoch ms). */
  at: number;
  /** Lower-cased e-mail. */
  person: string;
  scope: "workspace" | "tenant";
  scopeId: string | null;
  right: string;
  rightType: "access" | "admin" | "visitor" | "exception" | "licence";
  change: "grant" | "revoke";
}

/** Ground truth and switches of the simulated Anaplan entitlements (`sim.anaplan.entitlements`). */
export interface AnaplanEntitlementSim {
  /** Caller roles and hostile paging switches; assign fields to change them. */
  readonly controls: EntitlementSimControls;
  /** The tenant's workspaces. */
  readonly workspaces: readonly SimWorkspace[];
  /** The tenant's models (ids upper case). */
  readonly models: readonly SimModel[];
  /** When the tenant-role baseline holds: 30 days before the simulator's start day (epoch ms). */
  readonly roleHistoryOrigin: number;
  /**
   * The lower-cased e-mail of the person planted as workspace administrator who is also an EPM
   * Service Administrator (what `sod-admin-both-systems` must find), or null (see EntitlementState).
   */
  readonly adminConflict: string | null;
  /** Changes to the served state that no audit event records (5, on the 4 days after the start day). */
  plantedUnexplained(): PlantedEntitlementChange[];
  /**
   * Ids of the privileged events between consecutive snapshot times that no snapshot change
   * reflects (see TenantRoleHistory.withoutEffect): what explainChanges must list as without effect.
   */
  withoutEffect(snapshotTimes: readonly number[]): string[];
  /** Who holds which tenant role at `at` (what the Access Control → Assignments export would show). */
  tenantRoles(at: number): SimRoleAssignment[];
  /** Served facts at `at` (for tests): see EntitlementState. */
  factsAt(at: number): Set<string>;
}

const DAY_MS = 86_400_000;
const RIGHTS = {
  access: ["Workspace access", "access"],
  admin: ["Workspace Administrator", "admin"],
  visitor: ["Visitor", "visitor"],
  exception: ["SSO exception", "exception"],
} as const;

/**
 * Builds the simulated entitlement APIs and their ground truth for one Anaplan tenant.
 *
 * @param ctx - the Anaplan simulator's shared state
 * @param source - the audit event source (same seed, tenant and volume)
 * @param start - the simulator clock at creation (epoch ms)
 * @param epmServiceAdmins - e-mails of the EPM Service Administrators (for the planted conflict). @default none
 * @returns the routes (to mount beside `/2/0/users`) and the ground truth
 * @example
 * ```ts
 * const { routes, sim } = createEntitlementSimulator(ctx, source, ctx.now());
 * ```
 */
export function createEntitlementSimulator(
  ctx: AnaplanContext,
  source: EventSource,
  start: number,
  epmServiceAdmins: readonly string[] = [],
): { routes: SimulatedApi & { owns(path: string): boolean }; sim: AnaplanEntitlementSim } {
  const originDay = Math.floor(start / DAY_MS) * DAY_MS;
  const state = new EntitlementState(ctx.tenant, source.seed, originDay, epmServiceAdmins);
  const history = new TenantRoleHistory(source, originDay - 30 * DAY_MS);
  const controls: EntitlementSimControls = {
    userAdmin: true,
    tenantAdmin: true,
    scimIgnoreStartIndex: false,
    scimTotalResults: undefined,
    listsIgnoreOffset: false,
    listsPageCap: undefined,
  };
  const emailOf = (id: string) => ctx.tenant.accounts.find((a) => a.id === id)?.email ?? id;
  const sim: AnaplanEntitlementSim = {
    controls,
    workspaces: state.workspaces,
    models: state.models,
    roleHistoryOrigin: history.origin,
    adminConflict: state.adminConflict,
    plantedUnexplained: () =>
      state.planted.map((p) => {
        const [kind, scopeId, who] = p.fact.split("|") as [string, string, string];
        if (kind === "licence") {
          return {
            at: p.at,
            person: emailOf(who).toLowerCase(),
            scope: "tenant",
            scopeId: null,
            right: scopeId,
            rightType: "licence",
            change: p.change,
          };
        }
        const [right, rightType] = RIGHTS[kind as keyof typeof RIGHTS];
        const person = kind === "admin" || kind === "visitor" ? who : emailOf(who);
        return {
          at: p.at,
          person: person.toLowerCase(),
          scope: "workspace",
          scopeId,
          right,
          rightType,
          change: p.change,
        };
      }),
    withoutEffect: (times) => history.withoutEffect(times),
    tenantRoles: (at) => history.rolesAt(at, ctx.tenant),
    factsAt: (at) => state.factsAt(at),
  };
  return { routes: createEntitlementRoutes(ctx, state, controls), sim };
}
