// Demo meetups: upcoming and past events of every format across regions, with confirmed
// registrations (seats counted in Event.confirmedCount like the app does) and a waitlist.
import type { Faker } from '@faker-js/faker'
import type { PrismaClient } from '~/generated/prisma/client.ts'
import type { EventFormat } from '~/generated/prisma/enums.ts'
import { slugify } from '~/utils/slug.ts'

const DAY = 24 * 60 * 60 * 1000

const EVENTS: Array<{
  title: string
  titleEn: string
  format: EventFormat
  city: string
  regionCode: string
  venue: string
  days: number
  hour: number
  durationHours: number
  capacity: number
  challenges: string[]
  online?: boolean
  approval?: boolean
}> = [
  {
    title: 'Rencontre musées et intelligence artificielle',
    titleEn: 'Museums and artificial intelligence meetup',
    format: 'rencontre',
    city: 'Lyon',
    regionCode: 'R-84',
    venue: 'Musée des Confluences, 86 quai Perrache, 69002 Lyon',
    days: 9,
    hour: 14,
    durationHours: 3,
    capacity: 80,
    challenges: ['GT-DATA-IA', 'GT-PUBLICS'],
  },
  {
    title: 'Atelier : numériser ses collections en 3D',
    titleEn: 'Workshop: 3D digitisation of collections',
    format: 'atelier',
    city: 'Toulouse',
    regionCode: 'R-76',
    venue: 'Quai des Savoirs, 39 allées Jules-Guesde, 31000 Toulouse',
    days: 16,
    hour: 9,
    durationHours: 4,
    capacity: 24,
    challenges: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
    approval: true,
  },
  {
    title: 'Hackathon « Patrimoine ouvert »',
    titleEn: '"Open heritage" hackathon',
    format: 'hackathon',
    city: 'Rennes',
    regionCode: 'R-53',
    venue: 'Les Champs Libres, 10 cours des Alliés, 35000 Rennes',
    days: 30,
    hour: 9,
    durationHours: 32,
    capacity: 60,
    challenges: ['GT-DATA-IA', 'GT-INNOVATION'],
  },
  {
    title: "Session de rendez-vous d'affaires culture × tech",
    titleEn: 'Culture × tech business-meeting session',
    format: 'rendez_vous',
    city: 'Paris',
    regionCode: 'R-11',
    venue: 'Centre Pompidou, place Georges-Pompidou, 75004 Paris',
    days: 23,
    hour: 9,
    durationHours: 4,
    capacity: 120,
    challenges: ['GT-INNOVATION', 'CP-TERRITOIRES'],
  },
  {
    title: 'Spectacle vivant et accessibilité numérique',
    titleEn: 'Performing arts and digital accessibility',
    format: 'rencontre',
    city: 'Lille',
    regionCode: 'R-32',
    venue: 'Théâtre du Nord, 4 place du Général-de-Gaulle, 59000 Lille',
    days: 12,
    hour: 18,
    durationHours: 2,
    capacity: 10,
    challenges: ['GT-PUBLICS'],
  },
  {
    title: "Webinaire : mesurer l'empreinte de son site culturel",
    titleEn: 'Webinar: measuring the footprint of a cultural website',
    format: 'atelier',
    city: '',
    regionCode: 'R-INTL',
    venue: '',
    days: 5,
    hour: 11,
    durationHours: 1,
    capacity: 300,
    challenges: ['GT-ECOLOGIE'],
    online: true,
  },
  {
    title: 'Archives et technologies de la langue',
    titleEn: 'Archives and language technologies',
    format: 'rencontre',
    city: 'Strasbourg',
    regionCode: 'R-44',
    venue: 'Archives de Strasbourg, 32 route du Rhin, 67000 Strasbourg',
    days: 41,
    hour: 10,
    durationHours: 3,
    capacity: 50,
    challenges: ['GT-LANGUE', 'GT-ARCHIVAGE'],
  },
  {
    title: 'Festival et expériences immersives',
    titleEn: 'Festivals and immersive experiences',
    format: 'rencontre',
    city: 'Marseille',
    regionCode: 'R-93',
    venue: 'Friche la Belle de Mai, 41 rue Jobin, 13003 Marseille',
    days: 54,
    hour: 15,
    durationHours: 3,
    capacity: 70,
    challenges: ['CP-IMMERSIF', 'GT-CREATION'],
  },
  {
    title: 'Rencontre outre-mer : patrimoine et numérique',
    titleEn: 'Overseas meetup: heritage and digital',
    format: 'rencontre',
    city: 'Fort-de-France',
    regionCode: 'R-02',
    venue: 'Tropiques Atrium, 6 rue Jacques-Cazotte, 97200 Fort-de-France',
    days: 35,
    hour: 9,
    durationHours: 3,
    capacity: 40,
    challenges: ['CP-TERRITOIRES', 'GT-PUBLICS'],
  },
  {
    title: 'Bibliothèques et données ouvertes',
    titleEn: 'Libraries and open data',
    format: 'atelier',
    city: 'Nantes',
    regionCode: 'R-52',
    venue: 'Médiathèque Jacques-Demy, 24 quai de la Fosse, 44000 Nantes',
    days: -20,
    hour: 14,
    durationHours: 3,
    capacity: 30,
    challenges: ['GT-DATA-IA'],
  },
  {
    title: 'Métiers de la médiation numérique',
    titleEn: 'Digital interpretation careers',
    format: 'rencontre',
    city: 'Bordeaux',
    regionCode: 'R-75',
    venue: 'Cap Sciences, hangar 20, quai de Bacalan, 33300 Bordeaux',
    days: -45,
    hour: 10,
    durationHours: 2,
    capacity: 60,
    challenges: ['CP-METIERS'],
  },
]

export async function seedDemoEvents(
  prisma: PrismaClient,
  faker: Faker,
  {
    organizerIds,
    attendees,
  }: { organizerIds: string[]; attendees: Array<{ userId: string; organisationId: string }> },
) {
  const now = Date.now()
  let registrations = 0
  for (const [index, spec] of EVENTS.entries()) {
    // Local wall-clock hours in Europe/Paris (UTC+1 in winter months of the demo).
    const day = new Date(now + spec.days * DAY)
    const startsAt = new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), spec.hour - 1),
    )
    const event = await prisma.event.create({
      data: {
        slug: `${slugify(spec.title)}-${startsAt.getUTCFullYear()}`,
        title: spec.title,
        titleEn: spec.titleEn,
        descriptionFr: `${spec.title} : une ${spec.format === 'atelier' ? 'demi-journée de travail en petits groupes' : 'rencontre'} entre institutions culturelles, startups et laboratoires${spec.city ? ` à ${spec.city}` : ' en ligne'}. Présentations courtes, retours d'expérience et temps d'échange pour faire naître des projets communs.`,
        descriptionEn: `${spec.titleEn}: a ${spec.format === 'atelier' ? 'half-day of small-group work' : 'meetup'} between cultural institutions, startups and labs${spec.city ? ` in ${spec.city}` : ' online'}. Short talks, lessons learnt and time to start joint projects.`,
        format: spec.format,
        status: 'published',
        startsAt,
        endsAt: new Date(startsAt.getTime() + spec.durationHours * 60 * 60 * 1000),
        timeZone: spec.regionCode === 'R-02' ? 'America/Martinique' : 'Europe/Paris',
        venueName: spec.venue ? spec.venue.split(',')[0] : null,
        venueAddress: spec.venue || null,
        regionCode: spec.regionCode,
        onlineUrl: spec.online ? 'https://webinaire.passerelle.example/empreinte' : null,
        capacity: spec.capacity,
        registrationDeadline: new Date(startsAt.getTime() - DAY),
        approvalRequired: spec.approval ?? false,
        challengeCodes: spec.challenges,
        createdById: organizerIds[index % organizerIds.length],
      },
    })
    const wanted = Math.min(
      attendees.length,
      Math.round(spec.capacity * faker.number.float({ min: 0.3, max: 1.15 })),
    )
    const people = faker.helpers.arrayElements(attendees, wanted)
    const confirmed = people.slice(0, spec.capacity)
    const waitlisted = people.slice(spec.capacity)
    await prisma.registration.createMany({
      data: [
        ...confirmed.map(({ userId, organisationId }) => ({
          eventId: event.id,
          userId,
          organisationId,
          status: 'confirmed' as const,
          confirmedAt: new Date(now - faker.number.int({ min: 1, max: 20 }) * DAY),
        })),
        ...waitlisted.map(({ userId, organisationId }, position) => ({
          eventId: event.id,
          userId,
          organisationId,
          status: 'waitlisted' as const,
          waitlistedAt: new Date(now - DAY + position * 60_000),
        })),
      ],
    })
    await prisma.event.update({
      where: { id: event.id },
      data: { confirmedCount: confirmed.length },
    })
    registrations += people.length
  }
  return { events: EVENTS.length, registrations }
}
