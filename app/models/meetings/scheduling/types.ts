export type MeetingPriority = 'indispensable' | 'souhaite'

/** A table is numbered (1…n when `tables` is a count) or named (when `tables` lists names). */
export type TableId = number | string

export interface ScheduleParticipant {
  id: string
  /** Slot indices (0-based) during which the participant cannot meet. */
  unavailableSlots?: readonly number[]
  /** Overrides the session-wide `maxMeetingsPerParticipant` for this participant. */
  maxMeetings?: number
}

export interface ScheduleRequest {
  id: string
  participantIds: readonly [string, string]
  priority: MeetingPriority
}

/** A request placed at a slot and a table: used for locks and for the previous schedule. */
export interface SlotAssignment {
  requestId: string
  slotIndex: number
  table: TableId
}

export interface ScheduleInput {
  /** Number of ordered slots; slot indices run from 0 to slotCount - 1. */
  slotCount: number
  /** Either a number of tables (numbered 1…n) or the list of table names. */
  tables: number | readonly string[]
  /** Session-wide cap on meetings per participant; no cap when omitted. */
  maxMeetingsPerParticipant?: number
  participants: readonly ScheduleParticipant[]
  /** Accepted meeting requests. */
  requests: readonly ScheduleRequest[]
  /** Meetings the organizer pinned: they stay exactly at this slot and table. */
  locked?: readonly SlotAssignment[]
  /** The schedule announced by a previous run: kept in place as much as possible. */
  previous?: readonly SlotAssignment[]
}

export interface ScheduleOptions {
  /** Seed of the pseudo-random choices of the improvement phase (default 1). */
  seed?: number
  /** Relative value of each priority; default indispensable 2, souhaite 1. */
  weights?: Partial<Record<MeetingPriority, number>>
  /**
   * Cost, in weight units, of each announced meeting (from `previous`) that ends up at another
   * slot (default 0.6) or unscheduled (default 1.2, on top of its lost weight). A change to the
   * announced schedule is made only when it brings in more weight than it costs.
   */
  moveCost?: number
  dropCost?: number
  /**
   * Number of improvement iterations. The default grows with the size of the input; the same
   * input, seed and effort always give the same schedule.
   */
  improvementIterations?: number
  /**
   * Wall-clock cap for the improvement phase, in milliseconds. When it cuts the search short the
   * result depends on the machine's speed, so it is a safety net rather than the tuning knob.
   */
  timeBudgetMs?: number
}

export interface ScheduledMeeting {
  requestId: string
  slotIndex: number
  table: TableId
}

export type UnscheduledReason =
  /** The two participants are never free at the same slot (participantId: a participant with no free slot at all). */
  | 'no_common_free_slot'
  /** participantId already has as many meetings as their cap allows. */
  | 'cap_reached'
  /** Common free slots exist, but at each of them one of the two is in another meeting (participantId: the one always busy, if it is always the same). */
  | 'conflict'
  /** At some common free slot both are available, but every table is taken. */
  | 'no_table'
  /** The request was locked, but the lock is invalid (see `lockIssues`). */
  | 'lock_rejected'
  /** participantId is not in the session's participants. */
  | 'unknown_participant'
  /** Both sides of the request are the same participant. */
  | 'same_participant'
  /** Another request has the same id. */
  | 'duplicate_request'
  /** Another request (kept instead of this one) joins the same two participants. */
  | 'duplicate_pair'

export interface UnscheduledRequest {
  requestId: string
  reason: UnscheduledReason
  participantId?: string
}

export type LockIssueCode =
  | 'unknown_request'
  /** The request is itself invalid (unknown participant, duplicate…). */
  | 'invalid_request'
  | 'duplicate_lock'
  | 'slot_out_of_range'
  | 'unknown_table'
  /** A participant is unavailable at the locked slot. */
  | 'participant_unavailable'
  /** Another lock (conflictingRequestId) already holds this slot and table. */
  | 'table_taken'
  /** A participant already has another locked meeting (conflictingRequestId) at this slot. */
  | 'participant_busy'
  /** A participant has more locked meetings than their cap. */
  | 'cap_exceeded'

/** A lock that could not be honoured; locks are checked in input order, so the later one is reported. */
export interface LockIssue {
  requestId: string
  code: LockIssueCode
  participantId?: string
  conflictingRequestId?: string
}

export interface ScheduleStats {
  requests: number
  scheduled: number
  scheduledWeight: number
  locked: number
  /** Meetings of the previous schedule found again at the same slot and table. */
  keptFromPrevious: number
  /** Meetings of the previous schedule now at another slot or table. */
  movedFromPrevious: number
  /** Meetings of the previous schedule that are no longer scheduled. */
  droppedFromPrevious: number
}

export interface ScheduleResult {
  /** Sorted by slot, then table order. */
  meetings: ScheduledMeeting[]
  /** Every accepted request that is not in `meetings`, in input order. */
  unscheduled: UnscheduledRequest[]
  lockIssues: LockIssue[]
  stats: ScheduleStats
}

export type ViolationCode =
  | 'unknown_request'
  | 'invalid_request'
  | 'duplicate_meeting'
  | 'slot_out_of_range'
  | 'unknown_table'
  | 'participant_unavailable'
  | 'participant_double_booked'
  | 'cap_exceeded'
  | 'table_double_booked'
  | 'lock_not_respected'
  | 'request_missing'
  | 'scheduled_and_unscheduled'

export interface Violation {
  code: ViolationCode
  requestId?: string
  participantId?: string
  slotIndex?: number
  table?: TableId
}
