/**
 * Reads a customer's chat message the way the plain responder needs it: which dates, how many
 * guests, which ZIP code and what time they mean, and what they are asking about. No AI: a fixed
 * set of patterns, so the same words always give the same reading.
 *
 * Rules, as the business says them:
 * - A date with no year ("Dec 14", "12/14", "14th of December") means the next Dec 14 on or after
 *   today. "12/14" is month/day, as written in the US; "14/12" (no 14th month) is day/month.
 *   A date that does not exist ("Feb 30") is not a date.
 * - "the 14th" alone is the next 14th of a month on or after today.
 * - "today"/"tonight" is today, "tomorrow" is today + 1. "Saturday" and "this Saturday" are the
 *   next Saturday on or after today; "next Saturday" is the Saturday of next week (weeks start on
 *   Monday). "this weekend" is the coming Saturday and Sunday.
 * - Party: "10 adults and 2 kids" is 10 + 2; "12 guests including 2 kids" is 10 adults + 2
 *   children; "12 people", "party of 12", "for 12" are 12 adults. Only kids and no grown-ups
 *   leaves adults at 0 (the responder then asks). Counts over 1000 are not party sizes.
 * - ZIP: a 5-digit number that is not money ("$10000") or part of a longer number, a word or a date.
 * - Time: "6pm", "6:30 pm", "18:00", "noon". A bare hour ("at 6", "6:30") from 1 to 10 is an
 *   evening time: a hibachi dinner does not start at 6 am.
 * - A message with a date but no question words is about availability; one with a party (and a
 *   ZIP, or no date) is about the price.
 * Pure and deterministic: no clock (callers pass `today`), no I/O.
 */
import { addDaysToDate, daysBetweenDates, isRealDate } from '../time'

export const QUESTION_INTENTS = ['availability', 'price', 'menu', 'policy', 'area', 'greeting', 'thanks', 'human'] as const
export type QuestionIntent = (typeof QUESTION_INTENTS)[number]

export interface Party {
  adults: number
  children: number
}

export interface Question {
  /** What is asked, in QUESTION_INTENTS order, each once. */
  intents: QuestionIntent[]
  /** Dates meant, YYYY-MM-DD, in the order said, each once. */
  dates: string[]
  party: Party | null
  zip: string | null
  /** Time of day meant, 'HH:MM' 24-hour. */
  time: string | null
  /** The deposit was mentioned. */
  deposit: boolean
  /** Menu words asked about ("vegetarian", "chicken"), lower case, each once. */
  menuTopics: string[]
  /** The whole message is just a number ("12", "12 please"): an answer to "how many guests?". */
  bareNumber: number | null
  /** No question words: the intents were read from the details alone (a date → availability). */
  inferred: boolean
}

export interface QuestionContext {
  /** Today in the business's zone, YYYY-MM-DD. */
  today: string
}

/** Most dates one message is read for (the responder checks each). */
export const MAX_DATES_PER_QUESTION = 3
/** Largest count read as a party size (the tools' own upper bound). */
export const MAX_PARTY_COUNT = 1000

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
}
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const ORDINAL = '(?:st|nd|rd|th)?'
const PARTY_WORDS = '(?:guests?|people|persons?|pax|ppl|adults?|kids?|children|child|diners?|folks)'
/** Sunday = 0, as Date#getUTCDay. */
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 }

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, dozen: 12, 'a dozen': 12,
}
const NUM = `(\\d{1,5}|a dozen|${Object.keys(NUMBER_WORDS).filter((w) => w !== 'a dozen').join('|')})`

/** A piece of text that was read as something; blanked out so that later readings skip it. */
interface Found<T> {
  index: number
  value: T
}

export function readQuestion(text: string, ctx: QuestionContext): Question {
  // One spelling for the same thing: lower case, straight quotes, single spaces.
  let work = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
  // Day names and the date words themselves must not read as a month ("mar" in "marathon" is
  // guarded by word boundaries; "may" as a verb only counts with a day number after it).
  const dates: Found<string[]>[] = []
  const blank = (m: RegExpExecArray | RegExpMatchArray): void => {
    const start = m.index ?? 0
    work = work.slice(0, start) + ' '.repeat(m[0].length) + work.slice(start + m[0].length)
  }
  const take = (re: RegExp, read: (m: RegExpMatchArray) => string[] | null): void => {
    for (const m of [...work.matchAll(re)]) {
      const value = read(m)
      if (value === null) continue
      dates.push({ index: m.index ?? 0, value })
      blank(m)
    }
  }

  const notPartyOrClock = `(?!\\s*(?:${PARTY_WORDS}\\b|[ap]\\.?m\\b|:\\d|o'?clock))`
  take(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (m) => oneDate(isoOf(Number(m[1]), Number(m[2]), Number(m[3]))))
  take(/(?<![\d/$.])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g, (m) => {
    const a = Number(m[1])
    const b = Number(m[2])
    const [month, day] = a > 12 && b <= 12 ? [b, a] : [a, b]
    return oneDate(m[3] === undefined ? nextOccurrence(month, day, ctx.today) : isoOf(fullYear(m[3]), month, day))
  })
  take(new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})${ORDINAL}\\b${notPartyOrClock}(?:,?\\s+(\\d{4})\\b)?`, 'g'), (m) =>
    oneDate(monthDay(m[1], m[2], m[3], ctx.today)),
  )
  take(new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'g'), (m) =>
    oneDate(monthDay(m[2], m[1], m[3], ctx.today)),
  )
  // "the 14th" alone: this month's 14th, or next month's once it has passed.
  take(/\b(?:the\s+)(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:guests?|people))/g, (m) => oneDate(nextDayOfMonth(Number(m[1]), ctx.today)))
  take(/\bday after tomorrow\b/g, () => [addDaysToDate(ctx.today, 2)])
  take(/\b(?:today|tonight|this evening)\b/g, () => [ctx.today])
  take(/\btomorrow\b/g, () => [addDaysToDate(ctx.today, 1)])
  take(/\b(this|next|coming)?\s*weekend\b/g, (m) => {
    const saturday = m[1] === 'next' ? nextWeekday(ctx.today, 6) : onOrAfter(ctx.today, 6)
    // On a Sunday "this weekend" is today only.
    return weekdayOf(ctx.today) === 0 && m[1] !== 'next' ? [ctx.today] : [saturday, addDaysToDate(saturday, 1)]
  })
  take(/\b(?:(this|next|coming)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?\b/g, (m) => {
    const day = WEEKDAYS[m[2] ?? ''] ?? 0
    return [m[1] === 'next' ? nextWeekday(ctx.today, day) : onOrAfter(ctx.today, day)]
  })

  const time = readTime(work)
  // The time is blanked by readTime, so "for 6pm" is not a party of 6.
  work = time.rest
  const zip = readZip(work)
  if (zip) work = work.replace(zip.raw, ' '.repeat(zip.raw.length))
  const party = readParty(work)
  const bareNumber = readBareNumber(text)

  const orderedDates: string[] = []
  for (const d of dates.sort((a, b) => a.index - b.index).flatMap((f) => f.value)) {
    if (!orderedDates.includes(d) && orderedDates.length < MAX_DATES_PER_QUESTION) orderedDates.push(d)
  }

  const topics = readIntents(text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' '))
  const intents = new Set(topics.intents)
  const inferred = !(['availability', 'price', 'menu', 'policy', 'area'] as const).some((i) => intents.has(i))
  if (inferred) {
    if (orderedDates.length > 0) intents.add('availability')
    if (party !== null && (zip !== null || orderedDates.length === 0)) intents.add('price')
    if (zip !== null && party === null && orderedDates.length === 0) intents.add('area')
  }

  return {
    intents: QUESTION_INTENTS.filter((i) => intents.has(i)),
    dates: orderedDates,
    party,
    zip: zip?.zip ?? null,
    time: time.time,
    deposit: topics.deposit,
    menuTopics: topics.menuTopics,
    bareNumber,
    inferred,
  }
}

// ── dates ────────────────────────────────────────────────────────────────────────────────────

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function isoOf(year: number, month: number, day: number): string | null {
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
  return year >= 1 && year <= 9999 && isRealDate(iso) ? iso : null
}

function oneDate(d: string | null): string[] | null {
  return d === null ? null : [d]
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y)
}

/** The first month/day on or after today (Feb 29 waits for a leap year). */
function nextOccurrence(month: number, day: number, today: string): string | null {
  const year = Number(today.slice(0, 4))
  for (let y = year; y <= year + 8; y++) {
    const iso = isoOf(y, month, day)
    if (iso !== null && iso >= today) return iso
  }
  return null
}

/** The next day `day` of a month on or after today (months too short for it are skipped). */
function nextDayOfMonth(day: number, today: string): string | null {
  let year = Number(today.slice(0, 4))
  let month = Number(today.slice(5, 7))
  for (let i = 0; i < 13; i++) {
    const iso = isoOf(year, month, day)
    if (iso !== null && iso >= today) return iso
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return null
}

function monthDay(monthWord: string | undefined, dayText: string | undefined, yearText: string | undefined, today: string): string | null {
  const month = MONTHS[(monthWord ?? '').replace(/\.$/, '')]
  const day = Number(dayText)
  if (month === undefined || !Number.isInteger(day)) return null
  return yearText === undefined ? nextOccurrence(month, day, today) : isoOf(Number(yearText), month, day)
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: string): number {
  return (((daysBetweenDates('1970-01-01', date) + 4) % 7) + 7) % 7
}

function onOrAfter(today: string, weekday: number): string {
  return addDaysToDate(today, (weekday - weekdayOf(today) + 7) % 7)
}

/** That weekday in the week after this one (weeks start on Monday). */
function nextWeekday(today: string, weekday: number): string {
  const sinceMonday = (weekdayOf(today) + 6) % 7
  const nextMonday = addDaysToDate(today, 7 - sinceMonday)
  return addDaysToDate(nextMonday, (weekday + 6) % 7)
}

// ── time, ZIP, party ─────────────────────────────────────────────────────────────────────────

function hhmm(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`
}

/** A bare hour (no am/pm): 1–10 is evening, 11 and 12 are late morning and noon, 13–23 as said. */
function bareHour(hour: number, minute: number): string | null {
  if (hour < 0 || hour > 23 || minute > 59) return null
  if (hour >= 1 && hour <= 10) return hhmm(hour + 12, minute)
  return hhmm(hour, minute)
}

function readTime(text: string): { time: string | null; rest: string } {
  const patterns: { re: RegExp; read: (m: RegExpMatchArray) => string | null }[] = [
    {
      re: /\b(\d{1,2})(?::([0-5]\d))?\s?([ap])\.?\s?m\b\.?/,
      read: (m) => {
        const hour = Number(m[1])
        if (hour < 1 || hour > 12) return null
        const pm = m[3] === 'p'
        return hhmm(hour === 12 ? (pm ? 12 : 0) : pm ? hour + 12 : hour, Number(m[2] ?? 0))
      },
    },
    { re: /\b(?:noon|midday)\b/, read: () => '12:00' },
    { re: /(?<![\d:/.$])(\d{1,2}):([0-5]\d)(?![\d:])/, read: (m) => bareHour(Number(m[1]), Number(m[2])) },
    {
      re: new RegExp(`\\b(?:at|by)\\s+(\\d{1,2})(?:\\s*o'?clock)?\\b(?![/:.\\d])(?!\\s*${PARTY_WORDS}\\b)`),
      read: (m) => bareHour(Number(m[1]), 0),
    },
    { re: /\b(\d{1,2})\s*o'?clock\b/, read: (m) => bareHour(Number(m[1]), 0) },
  ]
  for (const { re, read } of patterns) {
    const m = re.exec(text)
    if (!m) continue
    const time = read(m)
    if (time === null) continue
    const rest = text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length)
    return { time, rest }
  }
  return { time: null, rest: text }
}

function readZip(text: string): { zip: string; raw: string } | null {
  // Not inside a word either: an order or reference code ("ref mxw28519") is not a ZIP.
  const m = /(?<![\w$.,#/-])(?<!\$\s)(\d{5})(?:-\d{4})?(?![\w]|[.,/:]\d|\s?%|\s*(?:dollars|usd|bucks)\b)/.exec(text)
  return m && m[1] ? { zip: m[1], raw: m[0] } : null
}

function countOf(word: string | undefined): number | null {
  if (word === undefined) return null
  const n = /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? null)
  return n !== null && n <= MAX_PARTY_COUNT ? n : null
}

function firstCount(text: string, re: RegExp): number | null {
  for (const m of text.matchAll(re)) {
    const n = countOf(m[1])
    if (n !== null) return n
  }
  return null
}

function readParty(text: string): Party | null {
  const notNumberish = "(?![\\d/:]|[.,]\\d|\\s*(?:[ap]\\.?m\\b|%|st\\b|nd\\b|rd\\b|th\\b|o'?clock|dollars|days?|weeks?|hours?|minutes?|nights?|months?|years?))"
  const adults = firstCount(text, new RegExp(`(?<![\\d$.])\\b${NUM}\\s+(?:adults?|grown[- ]?ups?)\\b`, 'g'))
  const children = firstCount(text, new RegExp(`(?<![\\d$.])\\b${NUM}\\s+(?:kids?|children|child|little ones|toddlers?)\\b`, 'g'))
  const total =
    firstCount(text, new RegExp(`(?<![\\d$.])\\b${NUM}\\s+(?:(?:hungry|total)\\s+)?(?:guests?|people|persons?|pax|ppl|diners?|folks|of us)\\b`, 'g')) ??
    firstCount(text, new RegExp(`\\b(?:party|group|table|family|crowd)\\s+(?:of|for)\\s+${NUM}\\b${notNumberish}`, 'g')) ??
    firstCount(
      text,
      new RegExp(`\\bfor\\s+(?:a\\s+(?:party|group)\\s+of\\s+|about\\s+|around\\s+|roughly\\s+)?(?!one\\b)${NUM}\\b${notNumberish}`, 'g'),
    )
  if (adults !== null || children !== null) {
    const kids = children ?? 0
    return { adults: adults ?? (total !== null ? Math.max(total - kids, 0) : 0), children: kids }
  }
  return total === null ? null : { adults: total, children: 0 }
}

function readBareNumber(text: string): number | null {
  const m = /^\s*(?:about|around|maybe|roughly|we are|we're|there will be|there'll be)?\s*(\d{1,4})\s*(?:please|thanks|thank you|total)?\s*[.!]?\s*$/i.exec(text)
  return m ? countOf(m[1]) : null
}

// ── what is asked ────────────────────────────────────────────────────────────────────────────

const MENU_TOPICS = [
  'vegetarian', 'vegan', 'gluten', 'halal', 'kosher', 'allergy', 'allergies', 'chicken', 'steak', 'filet', 'shrimp',
  'lobster', 'salmon', 'scallop', 'scallops', 'tofu', 'noodles', 'rice', 'vegetables', 'gyoza', 'edamame',
]

function readIntents(text: string): { intents: QuestionIntent[]; deposit: boolean; menuTopics: string[] } {
  const t = text.replace(/\b(gluten|dairy|nut|sugar|peanut|shellfish|soy)[- ]free\b/g, '$1 diet')
  const has = (re: RegExp) => re.test(t)
  const intents: QuestionIntent[] = []
  const policy = has(/\b(cancel\w*|refund\w*|reschedul\w*|postpone\w*|polic(?:y|ies)|terms)\b|\b(?:change|move)\s+(?:the|my|our)\s+(?:date|booking|event|party|reservation)\b/)
  const deposit = has(/\bdeposits?\b/)
  if (policy) intents.push('policy')
  const price =
    has(/\b(costs?|costing|prices?|pricing|priced|how much|quotes?|charges?|charged|fees?|pay|per (?:person|guest|head)|expensive|cheap|afford\w*|budget|rates?)\b|\$/) ||
    has(/(?<!\b(?:guests?|people|persons?|adults?|kids|children)\s)\btotal\b/) ||
    (deposit && !policy)
  if (
    has(/\b(free|available|availability|open|openings?|slots?|book|reserve|reservation|schedule)\b/) ||
    has(/\b(?:what|which|any|other)\s+(?:dates?|days?|times?)\b/) ||
    has(/\bdo you have\s+(?:any\s+)?(?:time|room|space|dates?|spots?)\b/) ||
    // "when do I pay", "when is the refund": about the money, not the calendar.
    (!policy && !price && has(/\bwhen\b/))
  ) {
    intents.push('availability')
  }
  if (price) intents.push('price')
  const menuTopics = MENU_TOPICS.filter((w) => new RegExp(`\\b${w}\\b`).test(t))
  if (
    menuTopics.length > 0 ||
    has(/\b(menu|menus|proteins?|food|foods|dish|dishes|cuisine|dietary|diet|appetizers?|sides?|upgrades?|add-?ons?|drinks?)\b/) ||
    has(/\bwhat\s+(?:do|does|will|would|can)\s+(?:you|they|the chefs?)\s+(?:serve|cook|make|offer|bring)\b/) ||
    has(/\bwhat(?:'s| is)\s+(?:served|included|on the menu)\b/)
  ) {
    intents.push('menu')
  }
  if (
    has(/\b(?:service|delivery) areas?\b|\bareas? (?:do )?you (?:serve|cover)\b|\bwhere do you (?:go|travel|serve|cook)\b|\bhow far\b/) ||
    has(/\bdo you (?:come|travel|go|drive|deliver) (?:to|out to)\b|\bdo you (?:cover|service)\b|\bwhat (?:areas|zip codes?|neighborhoods|cities|towns)\b/) ||
    has(/\b(?:serve|cover|service)\s+(?:my|our|the)\s+(?:area|zip|zip code|neighborhood|town|city)\b|\bdo you serve\s+\d{5}\b/)
  ) {
    intents.push('area')
  }
  if (has(/^\W*(hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening)|yo)\b/)) intents.push('greeting')
  if (has(/\b(thanks|thank you|thx|ty|much appreciated)\b/)) intents.push('thanks')
  if (
    has(/\b(human|real person|live person|agent|representative|operator)\b/) ||
    has(/\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a |an |the |your |some )?(?:person|people|someone|somebody|staff|team|manager|owner|chef|real|live|actual)\b/)
  ) {
    intents.push('human')
  }
  return { intents, deposit, menuTopics }
}
