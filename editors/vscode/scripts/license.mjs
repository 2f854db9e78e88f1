// Copies the repository's LICENSE into the extension folder before vsce
// packs it: vsce takes the licence only from there, and one committed copy
// (at the root, which the wheels also carry) is the one to keep up to date.
//   node scripts/license.mjs
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

copyFileSync(fileURLToPath(new URL('../../../LICENSE', import.meta.url)), fileURLToPath(new URL('../LICENSE', import.meta.url)));
