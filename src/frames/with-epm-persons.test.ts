import assert from "node:assert/strict";
import { test } from "node:test";
import pl from "nodejs-polars";
import { personAccounts } from "./person-accounts.js";
import { withEpmPersons } from "./with-epm-persons.js";

test("withEpmPersons: EPM logins become the person key; groups, unknown logins and Anaplan rows stay", () => {
  const accounts = personAccounts({
    epmUsers: pl.DataFrame({ userLogin: ["benpatel", "Ada@x.com"], email: ["ben.patel@x.com", "ada@x.com"] }),
  });
  const events = pl.DataFrame({
    system: ["epm", "epm", "epm", "anaplan"],
    person: ["benpatel", "finance planners", "ada@x.com", "benpatel"],
    actor: ["ada@x.com", "benpatel", "someone", "x"],
  });
  assert.deepEqual(withEpmPersons(events, accounts).toRecords(), [
    { system: "epm", person: "ben.patel@x.com", actor: "ada@x.com" },
    { system: "epm", person: "finance planners", actor: "ben.patel@x.com" },
    { system: "epm", person: "ada@x.com", actor: "someone" },
    { system: "anaplan", person: "benpatel", actor: "x" },
  ]);
});
