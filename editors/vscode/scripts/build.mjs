// Bundles the extension (and, with --tests, the tests) with esbuild.
//   node scripts/build.mjs [--production] [--tests]
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'], // provided by VS Code at run time
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' });
if (tests) {
  await build({
    ...common,
    entryPoints: ['test/config.test.ts', 'test/extension.test.ts', 'test/server.test.ts'],
    outdir: 'dist/test',
  });
}
