// Preloaded with `node -r` by tests/cli/startup.test.ts: writes every module the process
// required (CommonJS, where the bundle's external libraries and Node's own modules come from)
// to the file named by FLOORSPACE_RECORD_MODULES when the process exits.
const Module = require("node:module");
const { writeFileSync } = require("node:fs");
const loaded = new Set();
const load = Module._load;
Module._load = function record(request, parent, isMain) {
  loaded.add(request);
  return load.call(this, request, parent, isMain);
};
process.on("exit", () => {
  writeFileSync(process.env.FLOORSPACE_RECORD_MODULES, JSON.stringify([...loaded].sort()));
});
