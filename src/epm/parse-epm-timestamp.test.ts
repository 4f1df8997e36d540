import assert from "node:assert/strict";
import { test } from "node:test";
import { epmHeaderToCamelCase } from "./epm-header-to-camel-case.js";
import { parseEpmTimestamp } from "./parse-epm-timestamp.js";

const at = (iso: string) => Date.parse(iso);

test("parseEpmTimestamp reads the documented and ISO renderings as UTC", () => {
  assert.equal(parseEpmTimestamp("2026-01-05 14:03:11"), at("2026-01-05T14:03:11Z"));
  assert.equal(parseEpmTimestamp("July 28, 2022 18:43:21 UTC"), at("2022-07-28T18:43:21Z"));
  assert.equal(parseEpmTimestamp("Jul 28, 2022 18:43:21"), at("2022-07-28T18:43:21Z"));
  assert.equal(parseEpmTimestamp("2026-01-05T14:03:11Z"), at("2026-01-05T14:03:11Z"));
  assert.equal(parseEpmTimestamp("2026-01-05T14:03:11.1234Z"), at("2026-01-05T14:03:11.123Z"));
  assert.equal(parseEpmTimestamp("2026-01-05T15:03:11+01:00"), at("2026-01-05T14:03:11Z"));
  assert.equal(parseEpmTimestamp("2026-01-05T09:33:11-0430"), at("2026-01-05T14:03:11Z"));
  assert.equal(parseEpmTimestamp(" 2026-01-05 14:03:11 UTC "), at("2026-01-05T14:03:11Z"));
  assert.equal(parseEpmTimestamp("2026-01-05"), at("2026-01-05T00:00:00Z"));
});

test("parseEpmTimestamp refuses what fits no format or no calendar", () => {
  for (const bad of [
    "28/07/2022",
    "2026-02-30 10:00:00",
    "2026-13-01 10:00:00",
    "2026-01-05 24:00:00",
    "Juli 28, 2022 18:43:21 UTC",
    "yesterday",
    "",
  ]) {
    assert.equal(parseEpmTimestamp(bad), undefined, bad);
  }
});

test("epmHeaderToCamelCase follows the kit's naming rule", () => {
  assert.equal(epmHeaderToCamelCase("Performed By"), "performedBy");
  assert.equal(epmHeaderToCamelCase("Date and Time"), "dateAndTime");
  assert.equal(epmHeaderToCamelCase("User Login"), "userLogin");
  assert.equal(epmHeaderToCamelCase("IP Address"), "ipAddress");
  assert.equal(epmHeaderToCamelCase("Remote IP Address"), "remoteIpAddress");
  assert.equal(epmHeaderToCamelCase(" Access Date/Time (UTC) "), "accessDateTimeUtc");
  assert.equal(epmHeaderToCamelCase("Group"), "group");
  assert.equal(epmHeaderToCamelCase("--"), "");
});
