// Server-side form parsing. Imported through a .server module so that zod and its conform
// adapter never reach the browser bundle (docs/decisions/005-light-pages.md).
import { parseWithZod as conformParseWithZod } from '@conform-to/zod/v4'

type Payload = FormData | URLSearchParams

/**
 * conform's parseWithZod (same signature), after dropping NUL characters from every text
 * value: no form has a use for them, and PostgreSQL refuses them in text (the person would get
 * a 500 instead of a validation message).
 */
export const parseWithZod = ((payload: Payload, options: unknown) =>
  (conformParseWithZod as (payload: Payload, options: unknown) => unknown)(
    withoutNul(payload),
    options,
  )) as typeof conformParseWithZod

function withoutNul(payload: Payload): Payload {
  if (payload instanceof URLSearchParams) {
    return new URLSearchParams(
      [...payload].map(([name, value]) => [name, value.replaceAll('\0', '')]),
    )
  }
  const cleaned = new FormData()
  for (const [name, value] of payload.entries()) {
    if (typeof value === 'string') cleaned.append(name, value.replaceAll('\0', ''))
    else cleaned.append(name, value)
  }
  return cleaned
}
