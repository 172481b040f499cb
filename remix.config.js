// BUILD_DIR lets several builds live side by side (e.g. parallel end-to-end runs).
const buildDir = process.env.BUILD_DIR ?? 'build'

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  serverBuildPath: `${buildDir}/server/index.js`,
  assetsBuildDirectory: `${buildDir}/client`,
  publicPath: '/build/',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
