#!/usr/bin/env node
/**
 * Our npm registry mirror carries platform packages only for the platforms it serves (linux-x64), so npm leaves the
 * other platforms' optional dependencies (kubernetes-mcp-server-darwin-arm64, @unrs/resolver-binding-win32-…) out of
 * package-lock.json — and `npm ci` then refuses the lock as out of sync. Listing them as optional entries makes the
 * lock complete; npm skips optional packages it cannot fetch or that do not fit the platform.
 * Run after every `npm install`: node scripts/lock-optional-stubs.js
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [where, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${where ? `${where}/` : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    packages[top] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional platform entries added`);
