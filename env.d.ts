import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy (scripts carry it). */
    cspNonce: string
    /** Client address as seen by the server (proxy-aware when TRUST_PROXY is on). */
    clientIp: string
  }
  interface Future {
    v3_singleFetch: true
  }
}
