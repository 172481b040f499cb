// One-shot notices shown after a redirect ("Vous êtes déconnecté·e"): a catalogue key in a
// short-lived cookie, read and cleared by the root loader.
import { createCookie } from '@remix-run/node'
import { z } from 'zod'

const flashCookie = createCookie('flash', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: 60,
})

const FlashSchema = z.object({
  type: z.enum(['success', 'info', 'warning', 'error']),
  /** A catalogue key, e.g. `auth:flash.signedOut`. */
  key: z.string().regex(/^[a-z]+:[\w.]+$/),
})
export type Flash = z.infer<typeof FlashSchema>

export function flashHeader(flash: Flash) {
  return flashCookie.serialize(flash)
}

export async function readFlash(request: Request) {
  const raw = await flashCookie.parse(request.headers.get('Cookie'))
  if (!raw) return { flash: null, clear: null }
  const parsed = FlashSchema.safeParse(raw)
  return {
    flash: parsed.success ? parsed.data : null,
    clear: await flashCookie.serialize('', { maxAge: 0 }),
  }
}
