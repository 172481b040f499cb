/**
 * Benchmark of the meeting scheduler on a synthetic session.
 *
 *   npx tsx scripts/bench/schedule.ts [--participants 400] [--requests 3000] [--slots 16]
 *                                     [--tables 120] [--seed 42]
 *
 * Progress goes to stderr; the last stdout line is a JSON summary:
 * { requests, scheduled, upper_bound, conflicts, seconds }.
 */
import { parseArgs } from 'node:util'
import {
  scheduleMeetings,
  scheduleUpperBoundDetails,
  validateSchedule,
  type ScheduleInput,
  type ScheduleParticipant,
  type ScheduleRequest,
} from '../../app/models/meetings/scheduling.server.ts'

const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '400' },
    requests: { type: 'string', default: '3000' },
    slots: { type: 'string', default: '16' },
    tables: { type: 'string', default: '120' },
    seed: { type: 'string', default: '42' },
  },
})
const participantCount = Number(values.participants)
const requestCount = Number(values.requests)
const slotCount = Number(values.slots)
const tableCount = Number(values.tables)
const seed = Number(values.seed)

function createRandom(initial: number) {
  let state = initial >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const randomInt = (random: () => number, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1))

/**
 * A session where people's free slots are what binds: most participants arrive late or leave
 * early (a block of 2 to 6 slots at one end), everyone has 0 to 6 other random unavailable slots,
 * caps are 8 to 12, and requests go preferably to popular participants.
 */
export function syntheticSession(random: () => number): ScheduleInput {
  const participants: ScheduleParticipant[] = []
  const popularity: number[] = []
  for (let index = 0; index < participantCount; index++) {
    const unavailable = new Set<number>()
    if (random() < 0.7) {
      const length = randomInt(random, 2, Math.min(6, slotCount - 1))
      const start = random() < 0.5 ? 0 : slotCount - length
      for (let s = start; s < start + length; s++) unavailable.add(s)
    }
    const scattered = randomInt(random, 0, 6)
    for (let i = 0; i < scattered; i++) unavailable.add(randomInt(random, 0, slotCount - 1))
    participants.push({
      id: `p${index}`,
      unavailableSlots: [...unavailable].sort((x, y) => x - y),
      maxMeetings: randomInt(random, 8, 12),
    })
    popularity.push(random() < 0.15 ? 4 : random() < 0.5 ? 1.5 : 0.6)
  }
  const cumulative: number[] = []
  popularity.reduce((sum, value, index) => (cumulative[index] = sum + value), 0)
  const total = cumulative[cumulative.length - 1]
  const pickPopular = () => {
    const target = random() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle] < target) low = middle + 1
      else high = middle
    }
    return low
  }

  const requests: ScheduleRequest[] = []
  const pairs = new Set<string>()
  const maxPairs = (participantCount * (participantCount - 1)) / 2
  while (requests.length < Math.min(requestCount, maxPairs)) {
    const from = randomInt(random, 0, participantCount - 1)
    const to = pickPopular()
    if (from === to) continue
    const key = from < to ? `${from}:${to}` : `${to}:${from}`
    if (pairs.has(key)) continue
    pairs.add(key)
    requests.push({
      id: `r${requests.length}`,
      participantIds: [`p${from}`, `p${to}`],
      priority: random() < 0.3 ? 'indispensable' : 'souhaite',
    })
  }
  return {
    slotCount,
    tables: tableCount,
    maxMeetingsPerParticipant: 10,
    participants,
    requests,
  }
}

const input = syntheticSession(createRandom(seed))
console.error(
  `session: ${participantCount} participants, ${input.requests.length} requests, ` +
    `${slotCount} slots, ${tableCount} tables, seed ${seed}`,
)
const bound = scheduleUpperBoundDetails(input)
console.error(`upper bound: ${JSON.stringify(bound)}`)

const started = performance.now()
const result = scheduleMeetings(input, { seed })
const seconds = (performance.now() - started) / 1000

const violations = validateSchedule(input, result)
const reasons: Record<string, number> = {}
for (const entry of result.unscheduled) reasons[entry.reason] = (reasons[entry.reason] ?? 0) + 1
console.error(
  `scheduled ${result.meetings.length} (${((100 * result.meetings.length) / bound.upperBound).toFixed(2)}% ` +
    `of the bound), weight ${result.stats.scheduledWeight}, unscheduled: ${JSON.stringify(reasons)}`,
)
console.log(
  JSON.stringify({
    requests: input.requests.length,
    scheduled: result.meetings.length,
    upper_bound: bound.upperBound,
    conflicts: violations.length,
    seconds: Number(seconds.toFixed(3)),
  }),
)
