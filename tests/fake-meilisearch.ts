// A stand-in for a Meilisearch server (none can run here): it accepts index creation, settings
// and document pushes, reports every task as succeeded, and records the documents it received.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeMeilisearch {
  url: string
  /** Every document pushed, in arrival order: index uid and document id. */
  pushed: Array<{ index: string; id: string }>
  close(): Promise<void>
}

export async function startFakeMeilisearch(): Promise<FakeMeilisearch> {
  const pushed: FakeMeilisearch['pushed'] = []
  let taskUid = 0
  const task = (indexUid: string | null, type: string) => ({
    taskUid: ++taskUid,
    indexUid,
    status: 'enqueued',
    type,
    enqueuedAt: new Date().toISOString(),
  })
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake')
      const answer = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(payload))
      }
      const tasks = /^\/tasks\/(\d+)$/.exec(url.pathname)
      if (tasks) {
        return answer(200, {
          uid: Number(tasks[1]),
          status: 'succeeded',
          type: 'documentAdditionOrUpdate',
          enqueuedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
        })
      }
      const documents = /^\/indexes\/([^/]+)\/documents/.exec(url.pathname)
      if (documents && request.method === 'POST') {
        for (const document of JSON.parse(body || '[]') as Array<{ id: string }>)
          pushed.push({ index: documents[1]!, id: document.id })
        return answer(202, task(documents[1]!, 'documentAdditionOrUpdate'))
      }
      if (url.pathname === '/indexes' && request.method === 'POST')
        return answer(202, task(JSON.parse(body).uid, 'indexCreation'))
      const index = /^\/indexes\/([^/]+)/.exec(url.pathname)
      return answer(202, task(index?.[1] ?? null, 'settingsUpdate'))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pushed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
