// Lets Node run the TypeScript of lib/, examples/ and bench/ directly: each .ts file is transpiled with
// swc on require (no type check; `npm run typecheck` does that). Transpiled files are cached on disk by
// content hash, so a synth whose sources did not change never loads swc (about 40 MB and 0.1 s saved).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'register-ts');
const swcVersion = require('@swc/core/package.json').version;
let swc;

function transpile(source, filename) {
  swc ??= require('@swc/core');
  return swc.transformSync(source, {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  }).code;
}

function cachedTranspile(source, filename) {
  const key = crypto.createHash('sha256').update(`${swcVersion}\0${filename}\0${source}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const code = transpile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, code);
      fs.renameSync(`${cached}.${process.pid}`, cached);
    } catch {
      // A read-only or missing node_modules only costs the cache.
    }
    return code;
  }
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  module._compile(cachedTranspile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
