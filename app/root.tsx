import {
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteLoaderData,
} from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { GeneralErrorBoundary } from './components/error-boundary.tsx'
import { Notice } from './components/notice.tsx'
import { SiteFooter } from './components/site-footer.tsx'
import { SiteHeader } from './components/site-header.tsx'
import { catalogueVersion, getLanguage } from './i18n.server.ts'
import { defaultLanguage, I18N_BOOTSTRAP_ID, namespacesOf, type I18nBootstrap } from './i18n.ts'
import { readFlash } from './utils/flash.server.ts'
import { useNonce } from './utils/nonce.ts'
import { getSession, sessionCookieHeader } from './utils/session.server.ts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: '/dsfr/dsfr.css' },
  { rel: 'stylesheet', href: '/app.css' },
  { rel: 'icon', href: '/dsfr/favicon/favicon.svg', type: 'image/svg+xml' },
  { rel: 'apple-touch-icon', href: '/dsfr/favicon/apple-touch-icon.png' },
]

export const meta: MetaFunction = () => [{ title: 'Passerelle' }]

export const handle = { i18n: ['common', 'auth'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const [language, session, { flash, clear }] = await Promise.all([
    getLanguage(request),
    getSession(request),
    readFlash(request),
  ])
  const headers = new Headers()
  if (clear) headers.append('Set-Cookie', clear)
  if (session?.renewed) {
    headers.append(
      'Set-Cookie',
      await sessionCookieHeader(session.token, session.session.expiresAt),
    )
  }
  const user = session
    ? { id: session.user.id, name: session.user.name, role: session.user.role }
    : null
  return data({ language, user, flash, catalogueVersion }, { headers })
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>['data']

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>('root')?.user ?? null
}

/**
 * The translations this page needs (its routes' `handle.i18n`, in its language), inline: the
 * browser starts with them instead of downloading the whole catalogue. Written once by the
 * server; the browser keeps that text as it is (entry.client.tsx reads it before hydrating).
 */
function I18nBootstrapScript({
  version,
  flashKey,
  nonce,
}: {
  version?: string
  flashKey?: string
  nonce?: string
}) {
  const { i18n } = useTranslation()
  const matches = useMatches()
  const [json] = useState(() => {
    if (typeof document !== 'undefined') {
      return document.getElementById(I18N_BOOTSTRAP_ID)?.textContent ?? ''
    }
    const namespaces = new Set([
      ...matches.flatMap((match) => {
        const declared = (match.handle as { i18n?: string | string[] } | undefined)?.i18n
        return declared ?? []
      }),
      ...namespacesOf([flashKey]),
    ])
    const bootstrap: I18nBootstrap = {
      version: version ?? '',
      resources: Object.fromEntries(
        [...namespaces].map((ns) => [ns, i18n.getResourceBundle(i18n.language, ns) ?? {}]),
      ),
    }
    return JSON.stringify(bootstrap).replaceAll('<', '\\u003c')
  })
  return (
    <script
      id={I18N_BOOTSTRAP_ID}
      type="application/json"
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: json }}
    />
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root')
  const language = rootData?.language ?? defaultLanguage
  const nonce = useNonce()
  return (
    <html lang={language} dir="ltr" data-fr-scheme="system">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <I18nBootstrapScript
          version={rootData?.catalogueVersion}
          flashKey={rootData?.flash?.key}
          nonce={nonce}
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <script type="module" src="/dsfr/dsfr.module.min.js" nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { language, user, flash } = useLoaderData<typeof loader>()
  const { t } = useTranslation(namespacesOf([flash?.key]))
  useChangeLanguage(language)
  return (
    <>
      <SiteHeader user={user} language={language} />
      <main id="contenu" tabIndex={-1} className="fr-pb-8w">
        {flash ? (
          <div className="fr-container fr-mt-3w">
            <Notice type={flash.type}>{t(flash.key)}</Notice>
          </div>
        ) : null}
        <Outlet />
      </main>
      <SiteFooter />
    </>
  )
}

export function ErrorBoundary() {
  return (
    <>
      <SiteHeader user={null} language={defaultLanguage} />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-6w">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </>
  )
}
