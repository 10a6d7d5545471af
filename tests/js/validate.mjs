// validate.mjs SCHEMA_DIR_OR_FILE DOCUMENT... — validate JSON documents
// against JSON Schemas with ajv (docs/schemas/README.md).
//
// SCHEMA_DIR_OR_FILE: a schema file (every .json file of its folder is loaded
// too, so that $refs between them resolve), or a folder whose .json files
// (recursively) are all loaded — the STIX 2.1 schemas are split over many
// files that $ref each other by relative path against their $id. With a
// folder, each document's schema is found by its content:
//   - an object with "type": the schema file TYPE.json (STIX: bundle.json);
//     a STIX bundle's objects are each validated against their type's
//     schema as well (at /objects/N);
//   - an object with one member K (OSCAL: "catalog", "plan-of-action-and-
//     milestones"): the file *_K_schema.json or K.schema.json, else the
//     schema whose top level requires K alone.
// A DOCUMENT written SCHEMA.json=FILE (with a folder) names its schema file
// instead: one run validates many documents against many schemas.
// Each schema is compiled by the ajv class of the draft its $schema names:
// 2020-12 (ajv/dist/2020) or draft-07 (ajv). Formats come from ajv-formats.
//
// Prints "FILE: ok", or one line per error with its JSON path; exit 1 when
// any document is invalid, 2 on a usage error or an unreadable file.
import fs from "node:fs";
import path from "node:path";
import Ajv7 from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

function usage(msg) {
  if (msg) console.error(`validate.mjs: ${msg}`);
  console.error("usage: node validate.mjs SCHEMA_DIR_OR_FILE DOCUMENT|SCHEMA.json=DOCUMENT...");
  process.exit(2);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
}

function listJson(dir, recursive) {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory() && recursive) out.push(...listJson(p, true));
    else if (ent.isFile() && ent.name.endsWith(".json")) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
if (args.length < 2) usage();
const target = args[0];
let isDir;
try {
  isDir = fs.statSync(target).isDirectory();
} catch (e) {
  usage(`${target}: ${e.message}`);
}
const files = isDir ? listJson(target, true) : listJson(path.dirname(target), false);

// OSCAL's patterns need Unicode regular expressions (\p{L}); the STIX
// schemas' patterns escape characters ("\-") that the Unicode mode refuses:
// compile as Unicode, and a pattern it refuses without the flag.
function regExp(str, flags) {
  try {
    return new RegExp(str, flags);
  } catch (e) {
    if (!flags.includes("u")) throw e;
    return new RegExp(str, flags.replace("u", ""));
  }
}
regExp.code = "new RegExp";
const opts = { allErrors: true, strict: false, unicodeRegExp: true, code: { regExp } };
const ajv7 = new Ajv7(opts);
const ajv2020 = new Ajv2020(opts);
addFormats(ajv7);
addFormats(ajv2020);
// formats ajv-formats lacks (STIX domain-name): accepted as any string
for (const a of [ajv7, ajv2020]) a.addFormat("idn-hostname", true).addFormat("idn-email", true);

// every schema under its $id (or a file: URL when it has none), by file name
const byFile = new Map();
for (const f of files) {
  const s = readJson(f);
  if (typeof s !== "object" || s === null || Array.isArray(s)) continue;
  const id = s.$id || new URL(`file://${path.resolve(f)}`).href;
  if (!s.$id) s.$id = id;
  const ajv = /draft-07/.test(s.$schema || "") ? ajv7 : ajv2020;
  ajv.addSchema(s);
  byFile.set(path.resolve(f), { id, ajv, name: path.basename(f) });
}

function schemaByName(name) {
  for (const [f, v] of byFile) if (path.basename(f) === name) return v;
  return null;
}

function validator(entry) {
  const v = entry.ajv.getSchema(entry.id);
  if (!v) throw new Error(`cannot compile ${entry.name}`);
  return v;
}

function schemaFor(doc) {
  if (!isDir) return byFile.get(path.resolve(target));
  if (doc && typeof doc === "object" && !Array.isArray(doc)) {
    if (typeof doc.type === "string" && schemaByName(`${doc.type}.json`)) return schemaByName(`${doc.type}.json`);
    const keys = Object.keys(doc);
    if (keys.length === 1) {
      for (const [f, v] of byFile)
        if (path.basename(f).endsWith(`_${keys[0]}_schema.json`) || path.basename(f) === `${keys[0]}.schema.json`)
          return v;
      // OSCAL's POA&M: oscal_poam_schema.json requires "plan-of-action-and-milestones"
      for (const v of byFile.values()) {
        const req = v.ajv.getSchema(v.id).schema.required;
        if (Array.isArray(req) && req.length === 1 && req[0] === keys[0]) return v;
      }
    }
  }
  return null;
}

function report(file, where, entry, errors) {
  for (const e of errors) {
    const at = `${where}${e.instancePath}` || "/";
    const extra = e.params && e.params.additionalProperty ? ` '${e.params.additionalProperty}'`
      : e.params && e.params.missingProperty ? ` '${e.params.missingProperty}'` : "";
    console.log(`${file}: ${at}: ${e.message}${extra} (${entry.name} ${e.schemaPath})`);
  }
}

let bad = 0;
for (const arg of args.slice(1)) {
  // SCHEMA.json=DOCUMENT: that schema file of the folder for that document
  const pair = isDir ? /^([^=/]+\.json)=(.+)$/.exec(arg) : null;
  const file = pair ? pair[2] : arg;
  const doc = readJson(file);
  const entry = pair ? schemaByName(pair[1]) : schemaFor(doc);
  if (!entry) {
    console.log(`${file}: no schema in ${target} for this document`);
    bad++;
    continue;
  }
  let ok = true;
  const v = validator(entry);
  const errors = v(doc) ? [] : v.errors;
  // a STIX bundle: each object against its own type's schema too; the
  // bundle's errors inside such an object (one per branch of its anyOf of
  // every type) give way to the errors of the object's own schema
  const typed = new Set();
  if (isDir && doc.type === "bundle" && Array.isArray(doc.objects)) {
    doc.objects.forEach((o, i) => {
      const oe = o && typeof o.type === "string" ? schemaByName(`${o.type}.json`) : null;
      if (!oe) return; // a custom object: the bundle's schema covers it
      typed.add(i);
      const ov = validator(oe);
      if (!ov(o)) {
        report(file, `/objects/${i}`, oe, ov.errors);
        ok = false;
      }
    });
  }
  const own = errors.filter((e) => {
    const m = /^\/objects\/(\d+)/.exec(e.instancePath);
    return !(m && typed.has(Number(m[1])));
  });
  if (errors.length) {
    ok = false;
    report(file, "", entry, own);
  }
  if (ok) console.log(`${file}: ok (${entry.name})`);
  else bad++;
}
process.exit(bad ? 1 : 0);
