// Generates src/api/schema.gen.ts, the TypeScript types of the server's OpenAPI document
// (../src/api/openapi.json), with openapi-typescript. The file is checked in; `--check`
// (run by `npm test` and `npm run build`) fails when it is not what the document gives
// now, so the client cannot drift from the server: run `npm run gen:api` after changing
// the document, and fix what then no longer type-checks.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const spec = new URL('../../src/api/openapi.json', import.meta.url);
const out = new URL('../src/api/schema.gen.ts', import.meta.url);
const check = process.argv.includes('--check');

const header =
  '// Generated from src/api/openapi.json by web/scripts/gen-api-types.mjs (npm run gen:api).\n' +
  '// Do not edit: `npm test` and `npm run build` fail when it differs from the document.\n\n';
// emptyObjectsUnknown: a free-form object (an event's `data`) is Record<string, unknown>.
// defaultNonNullable off: a request field with a default may be left out; the answers'
// fields the server always sends are in their schemas' `required` lists.
const ast = await openapiTS(JSON.parse(await readFile(spec, 'utf8')), { alphabetize: false, emptyObjectsUnknown: true, defaultNonNullable: false });
const text = header + astToString(ast);

if (check) {
  const current = await readFile(out, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('src/api/schema.gen.ts is not what src/api/openapi.json gives: run `npm run gen:api` in web/.');
    process.exit(1);
  }
} else {
  await writeFile(out, text);
  console.log(`wrote ${out.pathname}`);
}
