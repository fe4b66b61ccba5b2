'use client'
/**
 * Admin panel, customer sidebar: carrying out "delete my account". Shows when the customer asked
 * (if they did) and, for managers and admins, an "Anonymise" button with a confirmation step that
 * says what is removed and what is kept. The server decides and does it all in one transaction
 * (POST /api/customers/:id/anonymise); this panel only asks and shows the answer, then reloads the
 * document so the form shows what the server stored. Refusals (an upcoming booking) are shown as
 * the server words them.
 */
import { Button, useAuth, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useId, useState, type CSSProperties } from 'react'

import { DELETION_COMPLETION_DAYS, deletionDueBy } from '../../domain/account'
import type { User } from '../../payload-types'
import { formatInstant } from './formatInstant'
import { staffPost } from './staffPost'

const box: CSSProperties = { padding: '0.75rem 1rem', borderRadius: 'var(--style-radius-s, 4px)', margin: '0.5rem 0', border: '1px solid var(--theme-elevation-150)' }
const warningBox: CSSProperties = { ...box, border: '1px solid var(--theme-warning-500)', background: 'var(--theme-warning-100)' }
const errorText: CSSProperties = { color: 'var(--theme-error-500)', margin: '0.5rem 0 0' }

export function AnonymiseCustomer() {
  const uid = useId()
  const { id } = useDocumentInfo()
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const router = useRouter()
  const requestedAt = useFormFields(([fields]) => fields.deletionRequestedAt?.value)
  const anonymisedAt = useFormFields(([fields]) => fields.anonymisedAt?.value)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  if (id === undefined || id === null) return null
  const canAct = user?.role === 'admin' || user?.role === 'manager'
  const requested = typeof requestedAt === 'string' ? requestedAt : null
  const anonymised = typeof anonymisedAt === 'string' ? anonymisedAt : null
  const dueBy = requested ? deletionDueBy(new Date(requested)).toISOString() : null

  async function anonymise() {
    setBusy(true)
    setError(null)
    const result = await staffPost(`${config.serverURL}${config.routes.api}/customers/${String(id)}/anonymise`, {})
    setBusy(false)
    if (!result.ok) {
      setError(result.status === 0 ? `${result.message} It may or may not have been done: reload the page to see.` : result.message)
      return
    }
    setConfirming(false)
    setDone('The account is anonymised. The page reloads to show what is stored now.')
    router.refresh()
  }

  return (
    <div className="field-type" role="region" aria-labelledby={`${uid}-heading`} style={{ marginBottom: '1.5rem' }}>
      <h4 id={`${uid}-heading`} style={{ margin: '0 0 0.5rem' }}>
        Account deletion
      </h4>
      {anonymised ? (
        <p style={box}>Anonymised on {formatInstant(anonymised) ?? anonymised}. Payments are kept; personal data is gone.</p>
      ) : requested ? (
        <p style={warningBox}>
          The customer asked for their account to be deleted on {formatInstant(requested) ?? requested}. Complete it by {dueBy ? (formatInstant(dueBy) ?? dueBy) : `within ${DELETION_COMPLETION_DAYS} days`}.
        </p>
      ) : (
        <p style={{ margin: '0 0 0.5rem' }}>No deletion request.</p>
      )}
      <div role="status" aria-live="polite">
        {done ? <p>{done}</p> : null}
      </div>
      {error ? (
        <p role="alert" style={errorText}>
          {error}
        </p>
      ) : null}
      {canAct && !confirming ? (
        <Button buttonStyle="secondary" size="small" margin={false} onClick={() => setConfirming(true)}>
          {anonymised ? 'Anonymise again (scrub anything new)' : 'Anonymise this customer…'}
        </Button>
      ) : null}
      {canAct && confirming ? (
        <div role="group" aria-labelledby={`${uid}-confirm`} style={warningBox}>
          <p id={`${uid}-confirm`} style={{ marginTop: 0 }}>
            <strong>This cannot be undone.</strong> Name, email, phone, addresses and notes are removed, and so are the contact details, street, requests and dietary notes of
            their bookings (with their history) and the text of their messages. Date, party, city and ZIP and every payment are kept. The customer cannot sign in any more.
          </p>
          <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="small" margin={false} disabled={busy} onClick={() => void anonymise()}>
              {busy ? 'Anonymising…' : 'Yes, anonymise'}
            </Button>
            <Button buttonStyle="secondary" size="small" margin={false} disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
