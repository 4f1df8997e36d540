import assert from "node:assert/strict";
import { test } from "node:test";
import pl from "nodejs-polars";
import { PERSON_ACCOUNT_SCHEMA, personAccounts, unmatchedAccounts } from "./person-accounts.js";

const anaplanUsers = pl.DataFrame({
  id: ["a1", "a2", "a3"],
  email: [" Ada.Okafor@Example.com ", "ben.patel@example.com", "chloe.kim@example.com"],
});
const scimUsers = pl.DataFrame({
  id: ["a1", "a2"],
  email: ["ada.okafor@example.com", "ben.patel@example.com"],
});
const epmUsers = pl.DataFrame({
  userLogin: ["Ada.Okafor@example.com", "benpatel", "dev.rossi@example.com", "benpatel"],
  email: [
    "ada.okafor@example.com",
    "Ben.Patel@example.com",
    "dev.rossi@example.com",
    "Ben.Patel@example.com",
  ],
});

test("personAccounts: one key for Anaplan, SCIM and EPM accounts (EPM short logins by their e-mail)", () => {
  const accounts = personAccounts({ anaplanUsers, scimUsers, epmUsers });
  assert.deepEqual(accounts.columns, Object.keys(PERSON_ACCOUNT_SCHEMA));
  assert.deepEqual(accounts.select("person", "source", "accountId").toRecords(), [
    { person: "ada.okafor@example.com", source: "anaplan-users", accountId: "a1" },
    { person: "ada.okafor@example.com", source: "scim", accountId: "a1" },
    { person: "ada.okafor@example.com", source: "epm", accountId: "Ada.Okafor@example.com" },
    { person: "ben.patel@example.com", source: "anaplan-users", accountId: "a2" },
    { person: "ben.patel@example.com", source: "scim", accountId: "a2" },
    { person: "ben.patel@example.com", source: "epm", accountId: "benpatel" },
    { person: "chloe.kim@example.com", source: "anaplan-users", accountId: "a3" },
    { person: "dev.rossi@example.com", source: "epm", accountId: "dev.rossi@example.com" },
  ]);
});

test("unmatchedAccounts: accounts whose person has no account on the other side", () => {
  const unmatched = unmatchedAccounts(personAccounts({ anaplanUsers, scimUsers, epmUsers }));
  assert.deepEqual(unmatched.select("person", "system", "source", "missingIn").toRecords(), [
    { person: "chloe.kim@example.com", system: "anaplan", source: "anaplan-users", missingIn: "epm" },
    { person: "dev.rossi@example.com", system: "epm", source: "epm", missingIn: "anaplan" },
  ]);
});

test("empty inputs: zero-row frames with the full schema", () => {
  const accounts = personAccounts({});
  assert.equal(accounts.height, 0);
  assert.deepEqual(accounts.columns, Object.keys(PERSON_ACCOUNT_SCHEMA));
  assert.deepEqual(unmatchedAccounts(accounts).columns, [...Object.keys(PERSON_ACCOUNT_SCHEMA), "missingIn"]);
});
