/**
 * Build steps tsc cannot do: copy the files n8n reads next to the compiled code (icons, codex
 * `*.node.json`, simulator fixtures), make the CLI executable, and start from an empty dist so a
 * renamed source never ships its stale output.
 */
const { src, dest, parallel } = require('gulp');
const { chmodSync, existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, 'dist');
// gulp 5 reads files as utf8 unless told otherwise, which corrupts PNGs
const binarySafe = { encoding: false, allowEmpty: true };

function copy(name, glob) {
  const task = () => src(glob, { ...binarySafe, base: '.' }).pipe(dest(dist));
  task.displayName = `copy ${name}`;
  return task;
}

function clean(done) {
  rmSync(dist, { recursive: true, force: true });
  done();
}

const icons = parallel(
  copy('node icons and codex', ['nodes/**/*.{png,svg}', 'nodes/**/*.node.json']),
  copy('credential icons', ['credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}']),
  copy('simulator scenarios', ['sim/scenarios/**/*.{yaml,yml,json}']),
);

/** npm sets the bin mode when it installs a tarball, but `node dist/cli/index.js`-less use needs it too. */
function bin(done) {
  const cli = join(dist, 'cli', 'index.js');
  if (existsSync(cli)) chmodSync(cli, 0o755);
  done();
}

exports.clean = clean;
exports['build:icons'] = parallel(icons, bin);
exports.default = exports['build:icons'];
