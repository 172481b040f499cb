// Public feed generation time: npx tsx scripts/bench/calendar.ts [--events N] [--runs N]
// Last stdout line: {"events":N,"feed_ms":median,"bytes":size}.
import { parseArgs } from 'node:util'
import { buildPublicFeed, type CalendarEventInput } from '../../app/models/calendar/ical.server.ts'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
  },
})
const count = positiveInt(values.events, '--events')
const runs = positiveInt(values.runs, '--runs')
const warmup = positiveInt(values.warmup, '--warmup')

function positiveInt(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`)
  return n
}

const zones = [
  'Europe/Paris',
  'Europe/Paris',
  'Europe/Paris',
  'America/Martinique',
  'Indian/Reunion',
  'Pacific/Noumea',
]
const cities = ['Lyon', 'Marseille', 'Lille', 'Fort-de-France', 'Saint-Denis', 'Nouméa']
const day = 24 * 3600 * 1000
const base = Date.UTC(2026, 0, 5, 8, 0, 0)

const events: CalendarEventInput[] = Array.from({ length: count }, (_, i) => {
  const start = new Date(base + (i % 400) * day + (i % 7) * 3600 * 1000)
  const city = cities[i % cities.length]
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `Rencontre n° ${i} : IA & musées, ${city} ; salle ${(i % 5) + 1}`,
    description:
      'Une rencontre entre acteurs culturels et acteurs de la tech : présentations, ateliers, ' +
      'temps d’échange ; inscription gratuite.\nAccessible aux personnes à mobilité réduite.',
    url: `https://passerelle.example.fr/evenements/rencontre-${i}`,
    start,
    end: new Date(start.getTime() + 2 * 3600 * 1000),
    timeZone: zones[i % zones.length],
    venueAddress: i % 4 === 3 ? null : `Médiathèque, ${i} rue de la République, ${city}`,
    onlineUrl: i % 3 === 0 ? `https://visio.example.org/j/${100000 + i}` : null,
    sequence: i % 3,
    status: 'confirmed',
    organizer: {
      name: 'Équipe Passerelle',
      email: 'contact@passerelle.example.fr',
    },
    updatedAt: new Date(base - day),
  }
})

const options = { domain: 'passerelle.example.fr', now: new Date(base) }

let bytes = 0
for (let i = 0; i < warmup; i++) bytes = Buffer.byteLength(buildPublicFeed(events, options), 'utf8')

const timings: number[] = []
for (let i = 0; i < runs; i++) {
  const t0 = performance.now()
  const feed = buildPublicFeed(events, options)
  timings.push(performance.now() - t0)
  bytes = Buffer.byteLength(feed, 'utf8')
}
timings.sort((a, b) => a - b)
const median = timings[Math.floor(timings.length / 2)]

console.log(`runs (ms): ${timings.map((t) => t.toFixed(1)).join(' ')}`)
console.log(
  JSON.stringify({
    events: count,
    feed_ms: Math.round(median * 100) / 100,
    bytes,
  }),
)
