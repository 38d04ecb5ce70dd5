// Small hooks shared by the pages: the hash route, and data loaded from the API with its error.
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../api/client'

/** `#/credentials?x=1` -> ['credentials'] ; the console uses hash routes so the server serves one index.html. */
export function useHashRoute (): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean)
  const [route, setRoute] = useState(read)
  useEffect(() => {
    const on = () => setRoute(read())
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return route
}

export const go = (path: string): void => { window.location.hash = '#/' + path }

/** `loading` is true from a (re)load until its answer arrives, in the same render as the change that started it:
 *  pages mark their results `aria-busy` meanwhile, so nobody acts on a stale list. */
export function useLoad<T> (load: () => Promise<T>, deps: unknown[]): { data?: T; error?: ApiError; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: ApiError; key?: string }>({})
  const [tick, setTick] = useState(0)
  const key = JSON.stringify([...deps, tick])
  useEffect(() => {
    let live = true
    load().then(data => { if (live) setState({ data, key }) }, (error: unknown) => { if (live) setState({ key, error: error instanceof ApiError ? error : new ApiError({ status: 0, detail: String(error) }) }) })
    return () => { live = false }
  }, [key]) // the caller lists what `load` depends on
  return { data: state.data, error: state.error, loading: state.key !== key, reload: useCallback(() => setTick(n => n + 1), []) }
}
