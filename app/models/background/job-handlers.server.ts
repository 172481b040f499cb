// Every job queue and its handler, registered once when the worker starts.
export function registerJobHandlers() {}
