// Prisma's CLI is used here for `generate` and for writing migration SQL (`migrate diff`);
// committed migrations are applied by our own runner (docs/decisions/002-migrations.md).
// The adapter only exists so the CLI runs on its bundled WASM engine instead of downloading
// a native one: an in-memory PGlite with the extensions our migrations use.
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { defineConfig } from 'prisma/config'

process.env.DATABASE_URL ??= 'postgresql://passerelle@localhost:5432/passerelle'

let adapter: PrismaPGlite | undefined
export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => {
    adapter ??= new PrismaPGlite(new PGlite({ extensions: { unaccent, pg_trgm } }))
    return adapter
  },
})
