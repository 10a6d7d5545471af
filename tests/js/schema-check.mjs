// Validate JSON documents against a JSON Schema (draft 2020-12):
//   node schema-check.mjs SCHEMA DOC...
// Uses the Ajv that the OpenAPI validator of package.json brings along.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const [schemaFile, ...docs] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
let bad = 0;
for (const f of docs) {
  if (!validate(JSON.parse(readFileSync(f, "utf8")))) {
    bad++;
    console.error(`${f}: not valid against ${schemaFile}:`, JSON.stringify(validate.errors, null, 1).slice(0, 2000));
  }
}
process.exit(bad ? 1 : 0);
