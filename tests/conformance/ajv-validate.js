// Validates JSON instances against the onboarding schema with ajv (draft 2020-12, strict mode,
// ajv-formats for `date` and `email`) and prints, as one JSON object, each file's errors as
// {instancePath, keyword, message}. Used by tests/conformance.rs; run with NODE_PATH pointing at
// the node_modules that hold ajv and ajv-formats.
//
//   node ajv-validate.js SCHEMA.json INSTANCE.json...
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const [schemaPath, ...instances] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv, ["date", "email"]);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
const out = {};
for (const file of instances) {
  const ok = validate(JSON.parse(fs.readFileSync(file, "utf8")));
  out[file] = ok
    ? []
    : validate.errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message }));
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
