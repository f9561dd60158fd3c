#!/usr/bin/env node
// Validates AsyncAPI documents with the official parser (@asyncapi/parser, pinned in package.json), then
// compiles every message's payload and headers schema with Ajv (failing on unknown formats) and checks
// every message example against them, which the parser's AsyncAPI 3 rules do not do (its 2.x rules did).
// Usage: node validate.mjs [--verbose] FILE...
// Prints every error and warning with its line and path (--verbose: the parser's info and hints too, such
// as "3.1.0 is the latest version"); exits 1 when a file has an error or cannot be parsed, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import parserModule from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const { Parser, DiagnosticSeverity } = parserModule;

const SEVERITY = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => a !== '--verbose');
if (files.length === 0) {
  console.error('usage: node validate.mjs [--verbose] FILE...');
  process.exit(2);
}

const parser = new Parser();

// AsyncAPI schemas are a superset of JSON Schema draft 7 (Ajv's default). Not strict: the parser adds
// x-parser-* keys to the resolved schemas, and AsyncAPI has keywords of its own (discriminator...).
// An unknown format (a typo such as "datetime") is only a warning to Ajv then: collect it as an error.
let ajvWarnings = [];
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: true,
  logger: {
    log() {},
    warn: (...args) => ajvWarnings.push(args.join(' ')),
    error: (...args) => ajvWarnings.push(args.join(' ')),
  },
});
addFormats(ajv);
const integerFormat = (bits) => ({
  type: 'number',
  validate: (n) => Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n <= 2 ** (bits - 1) - 1,
});
ajv.addFormat('int32', integerFormat(32));
ajv.addFormat('int64', integerFormat(64));

/**
 * Problems the parser leaves alone: a message schema Ajv cannot compile or with an unknown format (a typo
 * such as "datetime"), and message examples their payload or headers schema rejects. One line each.
 */
function schemaProblems(document) {
  const found = new Set();
  for (const message of document.allMessages()) {
    const json = message.json();
    for (const part of ['payload', 'headers']) {
      if (json[part] === undefined) continue;
      let validate;
      ajvWarnings = [];
      try {
        validate = ajv.compile(json[part]);
      } catch (e) {
        found.add(`message ${message.id()}: its ${part} schema does not compile: ${e.message}`);
        continue;
      }
      for (const warning of ajvWarnings) {
        found.add(`message ${message.id()}: its ${part} schema: ${warning}`);
      }
      (json.examples ?? []).forEach((example, index) => {
        if (example[part] === undefined || validate(example[part])) return;
        for (const error of validate.errors) {
          const at = error.instancePath ? ` at ${error.instancePath}` : '';
          found.add(`message ${message.id()}: example ${index} (${example.name ?? 'unnamed'}): ${part} does not match `
            + `its schema: ${error.message}${at} (${error.schemaPath})`);
        }
      });
    }
  }
  return [...found];
}

let failed = 0;

for (const file of files) {
  const shown = path.relative(process.cwd(), path.resolve(file)) || file;
  let source;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    console.log(`${shown}: error: cannot read: ${e.message}`);
    failed++;
    continue;
  }
  let document;
  let diagnostics;
  try {
    ({ document, diagnostics } = await parser.parse(source, { source: path.resolve(file) }));
  } catch (e) {
    console.log(`${shown}: error: the parser failed: ${e.message}`);
    failed++;
    continue;
  }
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    const severity = SEVERITY[d.severity] ?? `severity ${d.severity}`;
    if (d.severity === DiagnosticSeverity.Error) errors++;
    if (d.severity === DiagnosticSeverity.Warning) warnings++;
    const line = d.range?.start ? `:${d.range.start.line + 1}:${d.range.start.character + 1}` : '';
    const where = d.path?.length ? ` at ${d.path.join('.')}` : '';
    if (!verbose && d.severity !== DiagnosticSeverity.Error && d.severity !== DiagnosticSeverity.Warning) continue;
    console.log(`${shown}${line}: ${severity}: ${d.message} [${d.code}]${where}`);
  }
  if (document !== undefined) {
    for (const problem of schemaProblems(document)) {
      errors++;
      console.log(`${shown}: error: ${problem} [atensi-message-schemas]`);
    }
  }
  if (errors > 0 || document === undefined) {
    console.log(`${shown}: INVALID (${errors} error(s), ${warnings} warning(s))`);
    failed++;
  } else {
    const version = document.version();
    const messages = document.allMessages().length;
    const channels = document.allChannels().length;
    console.log(`${shown}: valid AsyncAPI ${version}: ${channels} channel(s), ${messages} message(s), ${warnings} warning(s)`);
  }
}

process.exit(failed > 0 ? 1 : 0);
