// Building blocks every page uses: labelled fields, status and error messages (announced to screen readers).
import { useId, type ReactNode } from 'react'
import type { ApiError } from '../api/client'
import { useI18n } from '../i18n/i18n'

export function Field (props: { label: string; hint?: string; children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId()
  const hintId = props.hint ? id + '-hint' : undefined
  return (
    <div className='field'>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <p className='hint' id={hintId}>{props.hint}</p>}
      {props.children(id, hintId)}
    </div>
  )
}

export function ErrorMessage ({ error }: { error?: ApiError | null }) {
  const { t } = useI18n()
  if (!error) return null
  return <p className='error' role='alert'>{t('error.prefix')} {error.message}{error.code ? ` (${error.code})` : ''}</p>
}

export function Status ({ children }: { children?: ReactNode }) {
  return <p className='status' role='status'>{children}</p>
}

export function Page ({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  )
}
