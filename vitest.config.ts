import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = { '~': fileURLToPath(new URL('./app', import.meta.url)) }
const dbTests = ['app/**/*.db.test.{ts,tsx}', 'scripts/**/*.db.test.ts', 'tests/**/*.db.test.ts']

// Database tests run once per database: always on embedded PGlite, and again on the
// PostgreSQL server when TEST_DATABASE_URL is set (CI does).
const databaseProjects = [
  { name: 'db-pglite', mode: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'db-server', mode: 'server' }] : []),
]

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['app/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: dbTests,
        },
      },
      ...databaseProjects.map(({ name, mode }) => ({
        resolve: { alias },
        test: {
          name,
          include: dbTests,
          env: { TEST_DB_MODE: mode },
          globalSetup: ['tests/db-global-setup.ts'],
          setupFiles: ['tests/db-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
    ],
  },
})
