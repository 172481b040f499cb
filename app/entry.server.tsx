import { PassThrough } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
} from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance, type i18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nOptions, type Language } from './i18n.ts'
import { getLanguage } from './i18n.server.ts'
import { resources } from './locales/index.ts'
import { startWorkerFromEnv } from './models/background/worker.server.ts'
import { getEnv } from './utils/env.server.ts'
import { NonceContext } from './utils/nonce.ts'

export { getDatabase } from './utils/db.server.ts'

const ABORT_DELAY = 5_000

// Called once by the HTTP server (scripts/serve.js) after the build is loaded.
export function startBackgroundWorker() {
  getEnv()
  return startWorkerFromEnv()
}

// One i18next instance per language, built once: rendering only reads it (no language change),
// and creating and initialising one per request cost ~5 % of a page's CPU.
const renderingInstances = new Map<Language, Promise<i18n>>()
function renderingInstance(language: Language) {
  let instance = renderingInstances.get(language)
  if (!instance) {
    const created = createInstance()
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, resources, lng: language, ns: Object.keys(resources[language]) })
      .then(() => created)
    renderingInstances.set(language, instance)
  }
  return instance
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await renderingInstance(await getLanguage(request))

  const waitForAll = isbot(request.headers.get('user-agent')) || remixContext.isSpaMode
  const nonce = loadContext?.cspNonce

  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  console.error(error)
}
