'use client'
/**
 * "Preview email" beside the template's Save button: renders the form as it is now (saved or not)
 * through POST /api/email-templates/preview with sample booking values, and shows the subject, the
 * HTML part in a sandboxed iframe (no scripts, no same-origin access: a template can never act in
 * the admin) and the plain-text part, in a drawer. A template the server would refuse shows the
 * server's message naming the field. Below, the placeholders staff may use, with what each means.
 * Never saves anything: the server renders, this only shows its answer.
 */
import { Button, Drawer, useConfig, useFormFields, useModal } from '@payloadcms/ui'
import { useState, type CSSProperties } from 'react'

import { EMAIL_PLACEHOLDERS, PLACEHOLDER_NAMES } from '../../domain/messaging/templates'
import { staffPost } from '../../components/admin/staffPost'

const DRAWER_SLUG = 'email-template-preview'

interface Preview {
  subject: string
  html: string
  text: string
  usingDefault: { subject: boolean; body: boolean }
}

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'shown'; preview: Preview } | { kind: 'refused'; message: string; fieldErrors: Record<string, string> }

const frame: CSSProperties = { width: '100%', height: '32rem', border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-s, 4px)', background: '#fff' }
const textPart: CSSProperties = { whiteSpace: 'pre-wrap', padding: '0.75rem', border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-s, 4px)', fontSize: '0.85rem' }
const errorText: CSSProperties = { color: 'var(--theme-error-500)' }
const code: CSSProperties = { fontFamily: 'monospace', whiteSpace: 'nowrap' }

function isPreview(body: unknown): body is Preview {
  const b = body as Partial<Preview> | null
  return Boolean(b && typeof b.subject === 'string' && typeof b.html === 'string' && typeof b.text === 'string')
}

function PlaceholderHelp() {
  return (
    <details style={{ marginTop: '1.5rem' }}>
      <summary>Placeholders you can use</summary>
      <p>Write them in double braces in the subject or the text. Links go in the text (not in a link&apos;s address): they become a link in the email.</p>
      <table>
        <tbody>
          {PLACEHOLDER_NAMES.map((name) => {
            const spec: { description: string; only?: readonly string[] } = EMAIL_PLACEHOLDERS[name]
            return (
              <tr key={name}>
                <td style={code}>{`{{${name}}}`}</td>
                <td>
                  {spec.description}
                  {spec.only ? ` Only in: ${spec.only.join(', ')}.` : ''}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </details>
  )
}

export function PreviewButton() {
  const { config } = useConfig()
  const { openModal } = useModal()
  const event = useFormFields(([fields]) => fields.event?.value)
  const subject = useFormFields(([fields]) => fields.subject?.value)
  const body = useFormFields(([fields]) => fields.body?.value)
  const [state, setState] = useState<State>({ kind: 'idle' })

  const preview = async () => {
    openModal(DRAWER_SLUG)
    if (typeof event !== 'string' || event === '') {
      setState({ kind: 'refused', message: 'Choose which email this template is for first.', fieldErrors: {} })
      return
    }
    setState({ kind: 'loading' })
    const result = await staffPost(`${config.routes.api}/email-templates/preview`, { event, subject: typeof subject === 'string' ? subject : null, body: body ?? undefined })
    if (result.ok && isPreview(result.body)) setState({ kind: 'shown', preview: result.body })
    else if (result.ok) setState({ kind: 'refused', message: 'The server answered something unexpected.', fieldErrors: {} })
    else setState({ kind: 'refused', message: result.message, fieldErrors: result.fieldErrors })
  }

  return (
    <>
      <Button buttonStyle="secondary" size="medium" onClick={() => void preview()}>
        Preview email
      </Button>
      <Drawer slug={DRAWER_SLUG} title="Email preview (sample booking)">
        {state.kind === 'loading' && <p>Rendering…</p>}
        {state.kind === 'refused' && (
          <div role="alert" style={errorText}>
            <p>{state.message}</p>
            <ul>
              {Object.entries(state.fieldErrors).map(([path, message]) => (
                <li key={path}>
                  <strong>{path}</strong>: {message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {state.kind === 'shown' && (
          <div>
            <p>
              <strong>Subject:</strong> {state.preview.subject}
            </p>
            {(state.preview.usingDefault.subject || state.preview.usingDefault.body) && (
              <p>The {state.preview.usingDefault.subject && state.preview.usingDefault.body ? 'subject and body are' : state.preview.usingDefault.subject ? 'subject is' : 'body is'} empty: this is the default wording, which is sent until you write your own.</p>
            )}
            <h4>HTML part</h4>
            {/* sandbox with no permissions: no scripts, no forms, no same-origin access to the admin. */}
            <iframe title="HTML part of the email" sandbox="" srcDoc={state.preview.html} style={frame} />
            <h4>Plain-text part</h4>
            <pre style={textPart}>{state.preview.text}</pre>
          </div>
        )}
        <PlaceholderHelp />
      </Drawer>
    </>
  )
}
