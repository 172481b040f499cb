// Registration race: 200 people register at once for 10 seats, 20 times, on a fresh database
// (an in-memory PGlite by default; with --server, a database created on the PostgreSQL server
// of TEST_DATABASE_URL / DATABASE_URL and dropped afterwards).
//   npx tsx scripts/bench/registration-race.ts [--server] [--runs 20] [--seats 10] [--attempts 200]
// Last stdout line: {"runs","seats","attempts","max_confirmed","overbooked_runs",…}; overbooked_runs must be 0.
import { parseArgs } from 'node:util'
import { registerForEvent } from '../../app/models/events/registration.server.ts'
import { setDatabase } from '../../app/utils/db.server.ts'
import { openThrowawayDatabase } from '../lib/open-throwaway-database.ts'

const { values } = parseArgs({
  options: {
    server: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    seats: { type: 'string', default: '10' },
    attempts: { type: 'string', default: '200' },
  },
})

function positiveInt(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`)
  return n
}
const runs = positiveInt(values.runs, '--runs')
const seats = positiveInt(values.seats, '--seats')
const attempts = positiveInt(values.attempts, '--attempts')

// The app's own pool size on the server: the race also measures waiting for connections.
const { database, cleanUp } = await openThrowawayDatabase({
  server: values.server,
  prefix: 'passerelle_race',
  poolSize: 10,
  inMemory: true,
})
setDatabase(database)
const prisma = database.prisma
try {
  const stamp = Date.now().toString(36)
  await prisma.user.createMany({
    data: Array.from({ length: attempts }, (_, i) => ({
      name: `Personne ${i}`,
      email: `course-${stamp}-${i}@exemple.fr`,
      passwordHash: 'not-a-real-hash',
    })),
  })
  const people = await prisma.user.findMany({
    where: { email: { startsWith: `course-${stamp}-` } },
    select: { id: true },
  })

  let maxConfirmed = 0
  let overbookedRuns = 0
  const durations: number[] = []
  for (let run = 0; run < runs; run++) {
    const startsAt = new Date(Date.now() + 30 * 24 * 3600 * 1000)
    const event = await prisma.event.create({
      data: {
        slug: `course-${stamp}-${run}`,
        title: `Course aux places n° ${run + 1}`,
        format: 'rencontre',
        status: 'published',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000),
        venueAddress: 'Lyon',
        capacity: seats,
      },
    })
    const started = performance.now()
    await Promise.all(people.map((person) => registerForEvent(event.id, person.id)))
    durations.push(performance.now() - started)
    const confirmed = await prisma.registration.count({
      where: { eventId: event.id, status: 'confirmed' },
    })
    const { confirmedCount } = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    const registered = await prisma.registration.count({ where: { eventId: event.id } })
    maxConfirmed = Math.max(maxConfirmed, confirmed, confirmedCount)
    const wrong = confirmed > seats || confirmedCount !== confirmed || registered !== attempts
    if (wrong) overbookedRuns++
    console.log(
      `run ${run + 1}: ${confirmed} confirmed, ${registered - confirmed} waitlisted, ${Math.round(durations.at(-1)!)} ms`,
    )
  }
  durations.sort((a, b) => a - b)
  console.log(
    JSON.stringify({
      runs,
      seats,
      attempts,
      max_confirmed: maxConfirmed,
      overbooked_runs: overbookedRuns,
      database: values.server ? 'server' : 'pglite',
      median_run_ms: Math.round(durations[Math.floor(durations.length / 2)]),
    }),
  )
  if (overbookedRuns > 0) process.exitCode = 1
} finally {
  setDatabase(undefined)
  await cleanUp()
}
