import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { excerpt, Redactor, redactUrl } from "./redact.js";

describe("redactUrl", () => {
  it("drops user info and token-like query values, keeps the rest", () => {
    assert.equal(
      redactUrl("https://user:pw@h.example/x?token=abc&limit=5&client_secret=zz"),
      "https://h.example/x?token=%5BREDACTED%5D&limit=5&client_secret=%5BREDACTED%5D",
    );
  });
  it("never throws on garbage", () => {
    assert.equal(redactUrl("not a url"), "<invalid URL>");
  });
});

describe("Redactor", () => {
  it("scrubs registered secrets, their base64, secret JSON fields and auth header values", () => {
    const r = new Redactor();
    r.add("s3cret-pw");
    r.add("abc"); // too short to register: would match by chance
    const basic = Buffer.from("s3cret-pw").toString("base64");
    assert.equal(
      r.scrub(
        `pw s3cret-pw b64 ${basic} {"tokenValue":"tv-1","x":"abc"} Authorization: AnaplanAuthToken abcdef123456`,
      ),
      'pw [REDACTED] b64 [REDACTED] {"tokenValue":"[REDACTED]","x":"abc"} Authorization: AnaplanAuthToken [REDACTED]',
    );
  });
});

describe("excerpt", () => {
  it("flattens white space and cuts long bodies", () => {
    assert.equal(
      excerpt(Buffer.from("<html>\n<body>Bad gateway</body></html>"), 20),
      "<html> <body>Bad gat…",
    );
  });
});

describe("Redactor.addMaterial", () => {
  it("scrubs a secret of any shape, and its lines and pieces alone", () => {
    const r = new Redactor();
    r.addMaterial("line-one-Secret\nline-two-Secret");
    r.addMaterial("tokpartone tokparttwo");
    assert.equal(
      r.scrub("a line-two-Secret b tokparttwo c line-one-Secret"),
      "a [REDACTED] b [REDACTED] c [REDACTED]",
    );
  });
});
