// `npm run db:seed`: loads the demo data into the configured database (refuses a database
// that already has users, so it never mixes demo rows with real ones).
import { seedDemoData } from '../../prisma/seed-data.ts'
import { openDatabaseFromEnv } from '~/utils/db.server.ts'

const database = openDatabaseFromEnv()
try {
  if ((await database.prisma.user.count()) > 0) {
    console.error(
      '[seed] the database already has users: nothing loaded (use npm run db:reset for a fresh demo).',
    )
    process.exitCode = 1
  } else {
    await seedDemoData(database.prisma, { log: (line) => console.log(`[seed] ${line}`) })
  }
} finally {
  await database.close()
}
