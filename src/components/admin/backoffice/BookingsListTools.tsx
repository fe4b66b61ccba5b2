'use client'
/**
 * Above the bookings list (admin.components.beforeListTable): "Export CSV" of the list as it is
 * filtered now (the page's own query string goes to /api/bookings/export.csv), and for the rows
 * selected, Confirm or Cancel with a reason (POST /api/bookings/bulk). Each booking is changed on
 * its own on the server; the answer per booking is listed here (changed, already so, or refused
 * with the rule's reason), then the list refreshes. Managers and admins only (the endpoints check).
 */
import { useAuth, useConfig, useSelection } from '@payloadcms/ui'
import { useRouter, useSearchParams } from 'next/navigation'
import { useId, useState } from 'react'

import type { User } from '../../../payload-types'
import { staffPost } from '../staffPost'
import './backoffice.css'

interface BulkResult {
  id: number
  outcome: 'ok' | 'unchanged' | 'refused'
  status?: string
  message?: string
}

const OUTCOME_TEXT: Record<BulkResult['outcome'], string> = { ok: 'changed', unchanged: 'already so', refused: 'refused' }

export function BookingsListTools() {
  return <ListTools collection="bookings" bulk />
}

export function CustomersListTools() {
  return <ListTools collection="customers" bulk={false} />
}

function ListTools({ collection, bulk }: { collection: 'bookings' | 'customers'; bulk: boolean }) {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const search = useSearchParams()
  if (!user || (user.role !== 'admin' && user.role !== 'manager')) return null
  const query = new URLSearchParams()
  for (const [k, v] of search.entries()) if (k.startsWith('where') || k === 'sort' || k === 'search') query.append(k, v)
  const exportHref = `${config.routes.api}/${collection}/export.csv${query.size > 0 ? `?${query.toString()}` : ''}`
  return (
    <div className="list-tools">
      <a className="schedule-btn" href={exportHref} download>
        Export CSV{query.size > 0 ? ' (filtered)' : ''}
      </a>
      {bulk ? <BulkActions apiRoute={config.routes.api} /> : null}
    </div>
  )
}

function BulkActions({ apiRoute }: { apiRoute: string }) {
  const { selected } = useSelection()
  const router = useRouter()
  const reasonId = useId()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [results, setResults] = useState<BulkResult[]>([])
  const [error, setError] = useState('')
  const ids = [...selected.entries()].filter(([, on]) => on).map(([id]) => Number(id))
  const run = async (action: 'confirm' | 'cancel') => {
    setBusy(true)
    setError('')
    setResults([])
    const res = await staffPost(`${apiRoute}/bookings/bulk`, action === 'cancel' ? { action, ids, reason } : { action, ids })
    setBusy(false)
    if (!res.ok) {
      setError(res.fieldErrors.reason ?? res.message)
      return
    }
    setResults((res.body as { results: BulkResult[] }).results)
    router.refresh()
  }
  return (
    <div className="bulk-actions" role="group" aria-label="Selected bookings">
      <span>{ids.length} selected</span>
      <button type="button" className="schedule-btn" disabled={busy || ids.length === 0} onClick={() => void run('confirm')}>
        Confirm selected
      </button>
      <label htmlFor={reasonId}>Cancellation reason</label>
      <input id={reasonId} type="text" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="button" className="schedule-btn" disabled={busy || ids.length === 0 || reason.trim() === ''} onClick={() => void run('cancel')}>
        Cancel selected
      </button>
      <div role="status" aria-live="polite" className="bulk-results">
        {error ? <p className="backoffice-error">{error}</p> : null}
        {results.length > 0 ? (
          <ul>
            {results.map((r) => (
              <li key={r.id} data-outcome={r.outcome}>
                Booking {r.id}: {OUTCOME_TEXT[r.outcome]}
                {r.status ? ` (${r.status})` : ''}
                {r.message ? ` — ${r.message}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  )
}
