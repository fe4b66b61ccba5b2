/**
 * The list of what is wrong on the current step, at its top: each message links to its field, so
 * keyboard and screen-reader users can jump straight there. Presentational only.
 */
import { fieldId } from '../Field'
import type { Errors } from '../wizard'

export function ErrorSummary({ errors }: { errors: Errors }) {
  const errorList = Object.entries(errors)
  if (errorList.length === 0) return null
  return (
    <div className="notice notice-error" role="alert">
      <p>Please check {errorList.length === 1 ? 'this field' : 'these fields'}:</p>
      <ul>
        {errorList.map(([path, message]) => (
          <li key={path}>
            <a href={`#${fieldId(path)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}
