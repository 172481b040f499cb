// The figures and latest items the home page shows, public data only.
import { prisma } from '~/utils/db.server.ts'

export async function getHomeOverview(now = new Date()) {
  const publicOrganisation = { visibility: 'public' as const, unpublishedAt: null }
  const [organisations, regions, openNeeds, upcomingEvents, nextEvents] = await Promise.all([
    prisma.organisation.count({ where: publicOrganisation }),
    prisma.organisation.groupBy({ by: ['regionCode'], where: publicOrganisation }),
    prisma.need.count({
      where: { status: 'open', expiresAt: { gt: now }, organisation: publicOrganisation },
    }),
    prisma.event.count({ where: { status: 'published', startsAt: { gt: now } } }),
    prisma.event.findMany({
      where: { status: 'published', startsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
      take: 3,
      select: {
        slug: true,
        title: true,
        titleEn: true,
        startsAt: true,
        timeZone: true,
        venueName: true,
        onlineUrl: true,
      },
    }),
  ])
  return { organisations, regions: regions.length, openNeeds, upcomingEvents, nextEvents }
}
