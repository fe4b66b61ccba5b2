/**
 * One labelled form control with its hint and error, wired for assistive technology: the error
 * is tied to the control by aria-describedby and marks it aria-invalid. Presentational only.
 */
import type { InputHTMLAttributes, ReactNode } from 'react'

export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  path: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  multiline?: boolean
  onValue: (value: string) => void
}

export function Field({ path, label, hint, error, multiline, onValue, value, ...input }: FieldProps) {
  const id = fieldId(path)
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea
          id={id}
          name={path}
          value={value as string}
          maxLength={input.maxLength}
          rows={3}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onValue(e.target.value)}
        />
      ) : (
        <input
          id={id}
          name={path}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onValue(e.target.value)}
          {...input}
        />
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
