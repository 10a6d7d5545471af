// Validate JSON documents against a JSON Schema (draft 2020-12) of
// docs/schemas/. Usage:
//   node schema-check.mjs SCHEMA.json DOC.json...
// Ajv comes with the OpenAPI validator of package.json (the same pinned
// install); "format" is not asserted (ajv-formats is not a dependency).
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const [schemaFile, ...docs] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
let bad = 0;
for (const f of docs) {
  if (!validate(JSON.parse(readFileSync(f, "utf8")))) {
    console.error(`${f}: not valid against ${schemaFile}:`, JSON.stringify(validate.errors, null, 2).slice(0, 3000));
    bad++;
  }
}
process.exit(bad ? 1 : 0);
