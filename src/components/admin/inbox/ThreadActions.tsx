'use client'
/**
 * Assigning a thread (to a manager or an admin) and marking it done or open again, through
 * Payload's own PATCH /api/threads/:id — field access lets staff change only `state` and
 * `assignee`, and the server refuses an assignee who is not a manager or an admin. The page
 * refreshes afterwards to show what the server stored.
 */
import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import type { StaffMember } from '../../../collections/Threads/inbox'
import { inboxRequest } from './api'
import { ActionFeedback } from './ActionFeedback'

interface Props {
  apiRoute: string
  threadId: number
  state: 'open' | 'done'
  assigneeId: number | null
  staff: StaffMember[]
  meId: number
}

export function ThreadActions({ apiRoute, threadId, state, assigneeId, staff, meId }: Props) {
  const router = useRouter()
  const uid = useId()
  const [assignee, setAssignee] = useState(assigneeId === null ? '' : String(assigneeId))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<string>()

  async function save(data: Record<string, unknown>, said: string) {
    setBusy(true)
    setError(undefined)
    setDone(undefined)
    const res = await inboxRequest('PATCH', `${apiRoute}/threads/${threadId}?depth=0`, data)
    setBusy(false)
    if (!res.ok) {
      setError(res.fieldErrors.assignee ?? res.fieldErrors.state ?? res.message)
      return
    }
    setDone(said)
    router.refresh()
  }

  const chosen = staff.find((s) => String(s.id) === assignee)
  const changed = assignee !== (assigneeId === null ? '' : String(assigneeId))

  return (
    <div className="inbox-actions" role="group" aria-label="Thread actions">
      <div className="inbox-field inbox-field--inline">
        <label htmlFor={`${uid}-assignee`}>Assigned to</label>
        <select id={`${uid}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={busy}>
          <option value="">Nobody</option>
          {staff.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.id === meId ? `${s.name} (me)` : s.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="inbox-button"
          disabled={busy || !changed}
          onClick={() => void save({ assignee: assignee === '' ? null : Number(assignee) }, chosen ? `Assigned to ${chosen.name}.` : 'Unassigned.')}
        >
          Assign
        </button>
      </div>
      {state === 'open' ? (
        <button type="button" className="inbox-button" disabled={busy} onClick={() => void save({ state: 'done' }, 'Marked done.')}>
          Mark done
        </button>
      ) : (
        <button type="button" className="inbox-button" disabled={busy} onClick={() => void save({ state: 'open' }, 'Reopened.')}>
          Reopen
        </button>
      )}
      <span className={`inbox-chip inbox-chip--${state}`}>{state === 'open' ? 'Open' : 'Done'}</span>
      <ActionFeedback done={done} error={error} />
    </div>
  )
}
