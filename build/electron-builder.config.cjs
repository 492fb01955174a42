/**
 * electron-builder configuration (`npm run dist`, after `npm run build`).
 *
 * npmRebuild is off because building here must not need the network (Electron headers). The
 * packaged app therefore needs better-sqlite3 built for Electron's ABI before packaging, e.g. on a
 * machine that can fetch the headers: `npx electron-builder install-app-deps` (or
 * `npx electron-rebuild -f -w better-sqlite3`), then `npm run dist`.
 */
module.exports = {
  appId: 'cn.gov.police.henan.officer-console',
  productName: '警务工作台',
  executableName: 'officer-console',
  copyright: 'Officer Console',
  electronVersion: '38.8.6', // the pinned optional dependency in package.json
  npmRebuild: false,
  directories: { output: 'release', buildResources: 'build' },
  extraMetadata: { main: 'dist/electron/main.cjs' },
  files: [
    'dist/electron/**',
    'dist/renderer/**',
    'package.json',
    // runtime packages main.cjs does not inline: the native SQLite binding and what it loads
    'node_modules/better-sqlite3/**',
    'node_modules/bindings/**',
    'node_modules/file-uri-to-path/**',
    '!node_modules/better-sqlite3/{deps,src,docs}/**',
    '!**/*.{map,md,ts}',
  ],
  // A native addon cannot be loaded from inside the asar archive.
  asarUnpack: ['node_modules/better-sqlite3/**/*.node'],
  icon: 'build/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    synopsis: 'Officer Console / 警务工作台',
    maintainer: 'Officer Console maintainers <console@example.invalid>',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1'] },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true, artifactName: 'officer-console-setup-${version}.${ext}' },
};
