// Validate an OpenAPI document against the official OpenAPI 3.1 schema
// (@seriousme/openapi-schema-validator) and check that every route of the
// server's route table is in it with its method. Usage:
//   node openapi-check.mjs OPENAPI.json ROUTES.json
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";

const [docFile, routesFile] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docFile, "utf8"));
const routes = JSON.parse(readFileSync(routesFile, "utf8")).routes;
const validator = new Validator();
const res = await validator.validate(doc);
let bad = 0;
if (!res.valid) {
  console.error("not valid OpenAPI:", JSON.stringify(res.errors, null, 2).slice(0, 4000));
  bad++;
}
if (validator.version !== "3.1") {
  console.error("OpenAPI version", validator.version, "where 3.1 was expected");
  bad++;
}
for (const r of routes) {
  const op = doc.paths?.[r.path]?.[r.method.toLowerCase()];
  if (!op) {
    console.error("route not in the document:", r.method, r.path);
    bad++;
    continue;
  }
  const roles = JSON.stringify([...op["x-nis5g-roles"]].sort());
  if (roles !== JSON.stringify([...r.roles].sort())) {
    console.error("roles differ for", r.method, r.path, roles, JSON.stringify(r.roles));
    bad++;
  }
}
const ops = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
if (ops !== routes.length) {
  console.error("the document has", ops, "operations, the route table", routes.length);
  bad++;
}
if (bad) process.exit(1);
console.log("openapi: valid OpenAPI", validator.version + ",", routes.length, "routes, each with its roles");
