// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// schema as of the last migration (prisma/migrations/schema.snapshot.prisma) and
// prisma/schema.prisma, then updates the snapshot. Hand-written SQL (extensions, expression
// indexes, triggers) can be appended to the file before committing.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration:new -- <snake_case_name>')
  process.exit(1)
}
const migrationsDir = 'prisma/migrations'
const snapshot = path.join(migrationsDir, 'schema.snapshot.prisma')
const from = existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty']
const sql = execFileSync(
  'npx',
  [
    'prisma',
    'migrate',
    'diff',
    ...from,
    '--to-schema-datamodel',
    'prisma/schema.prisma',
    '--script',
  ],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
)
if (/This is an empty migration/.test(sql)) {
  console.log('No schema change: nothing written.')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = path.join(migrationsDir, `${stamp}_${name}`)
mkdirSync(dir, { recursive: true })
writeFileSync(path.join(dir, 'migration.sql'), sql)
copyFileSync('prisma/schema.prisma', snapshot)
console.log(`Wrote ${dir}/migration.sql`)
