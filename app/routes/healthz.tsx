import { getDatabase } from '~/utils/db.server.ts'

export async function loader() {
  const database = getDatabase()
  const started = performance.now()
  try {
    await database.prisma.$queryRaw`SELECT 1`
    return Response.json(
      {
        status: 'ok',
        database: {
          mode: database.mode,
          status: 'ok',
          latencyMs: Math.round(performance.now() - started),
        },
      },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    return Response.json(
      {
        status: 'degraded',
        database: { mode: database.mode, status: 'unreachable', error: (error as Error).message },
      },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    )
  }
}
