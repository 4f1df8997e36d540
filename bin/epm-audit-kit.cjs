#!/usr/bin/env node
// The `epm-audit-kit` command. This file only checks the Node version, in syntax any Node
// parses, before loading the kit (which needs Node 22 or newer and fails obscurely on older).
"use strict";
var major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  process.stderr.write(
    "epm-audit-kit needs Node.js 22 or newer; this is Node " +
      process.versions.node +
      " (" +
      process.execPath +
      "). Install Node 22+ (in a checkout, ./kit does it for you: it fetches Node 24 from the npm registry), then run the command again.\n",
  );
  process.exit(2);
}
import("../dist/cli/main-entry.js").catch(function (error) {
  process.stderr.write(
    "epm-audit-kit: cannot load the kit (" +
      (error && error.message) +
      "). Run npm run build in a checkout, or reinstall the package.\n",
  );
  process.exitCode = 1;
});
