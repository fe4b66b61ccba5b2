/**
 * /api-docs — the public API's documentation, rendered on the server from the OpenAPI document
 * that GET /api/openapi.json serves (src/endpoints/openapi/): every operation with who may call
 * it, its parameters, request fields, responses and examples; the chat WebSocket; every named
 * schema. No script and nothing from a CDN (hosted viewers do not work offline); examples fold
 * away in <details>. Must never show anything the JSON document does not.
 */
import type { Metadata } from 'next'
import { Fragment, type ReactNode } from 'react'

import { openapiDocument } from '../../../endpoints/openapi'
import { apiDocsView, type ContentView, type FieldRow, type OperationView } from '../../../site/api-docs'

import './api-docs.css'

export const metadata: Metadata = {
  title: 'API documentation',
  description: 'The public HTTP API: availability, quotes, bookings, the manage link, payments, webhooks and the chat.',
  alternates: { canonical: '/api-docs' },
}

/** `code` spans from backticks; everything else as text. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  )
}

/** Paragraphs per line; lines starting with "- " as one list. */
function Prose({ text }: { text: string }) {
  const blocks: ReactNode[] = []
  let items: string[] = []
  const flush = () => {
    if (items.length > 0) {
      blocks.push(
        <ul key={`l${blocks.length}`}>
          {items.map((item, i) => (
            <li key={i}>
              <Inline text={item} />
            </li>
          ))}
        </ul>,
      )
    }
    items = []
  }
  for (const line of text.split('\n')) {
    if (line.startsWith('- ')) {
      items.push(line.slice(2))
      continue
    }
    flush()
    if (line.trim() !== '') {
      blocks.push(
        <p key={`p${blocks.length}`}>
          <Inline text={line} />
        </p>,
      )
    }
  }
  flush()
  return <>{blocks}</>
}

function Fields({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (rows.length === 0) return null
  return (
    <div className="table-wrap">
      <table className="table api-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.name}-${i}`}>
              <th scope="row">
                <code>{r.name || '(the value)'}</code>
              </th>
              <td>
                <code>{r.type}</code>
              </td>
              <td>{r.required ? 'yes' : 'no'}</td>
              <td>
                <Inline text={r.notes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Examples({ content }: { content: ContentView }) {
  return (
    <>
      {content.examples.map((e, i) => (
        <details key={i} className="api-example">
          <summary>
            <Inline text={e.title} />
          </summary>
          <pre>
            <code>{e.text}</code>
          </pre>
        </details>
      ))}
    </>
  )
}

function Content({ content, caption }: { content: ContentView; caption: string }) {
  return (
    <div className="api-content">
      <p className="hint">
        <code>{content.mediaType}</code>
        {content.schemaName ? (
          <>
            {' '}
            — <a href={`#schema-${content.schemaName}`}>{content.schemaName}</a>
          </>
        ) : null}
      </p>
      <Fields rows={content.fields} caption={caption} />
      <Examples content={content} />
    </div>
  )
}

function Operation({ op }: { op: OperationView }) {
  return (
    <article className="api-op card" id={`op-${op.id}`} aria-labelledby={`op-${op.id}-title`}>
      <h3 id={`op-${op.id}-title`} className="api-op-title">
        <span className={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span> <code className="api-path">{op.path}</code>
      </h3>
      <p className="api-summary">{op.summary}</p>
      <dl className="api-facts">
        <dt>Who</dt>
        <dd>{op.audience}</dd>
        {op.auth.length > 0 ? (
          <>
            <dt>Credential</dt>
            <dd>{op.auth.map((a) => <code key={a}>{a}</code>).reduce<ReactNode[]>((all, c, i) => (i === 0 ? [c] : [...all, ' or ', c]), [])}</dd>
          </>
        ) : null}
        {op.rateLimits.length > 0 ? (
          <>
            <dt>Rate limit</dt>
            <dd>{op.rateLimits.join(', ')}</dd>
          </>
        ) : null}
        {op.idempotent ? (
          <>
            <dt>Retries</dt>
            <dd>
              Safe with an <code>Idempotency-Key</code>
            </dd>
          </>
        ) : null}
      </dl>
      <Prose text={op.description} />

      {op.parameters.length > 0 ? (
        <>
          <h4>Parameters</h4>
          <div className="table-wrap">
            <table className="table api-table">
              <caption className="visually-hidden">Parameters of {op.method} {op.path}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`}>
                    <th scope="row">
                      <code>{p.name}</code>
                    </th>
                    <td>{p.in}</td>
                    <td>
                      <code>{p.type}</code>
                    </td>
                    <td>{p.required ? 'yes' : 'no'}</td>
                    <td>
                      <Inline text={p.description} />
                      {p.example !== undefined ? (
                        <>
                          {' '}
                          (e.g. <code>{p.example}</code>)
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {op.body ? (
        <>
          <h4>Request body {op.body.required ? '' : '(optional)'}</h4>
          {op.body.description ? <Prose text={op.body.description} /> : null}
          {op.body.contents.map((c) => (
            <Content key={c.mediaType} content={c} caption={`Request fields of ${op.method} ${op.path}`} />
          ))}
        </>
      ) : null}

      <h4>Responses</h4>
      {op.responses.map((r) => (
        <section key={r.status} className="api-response" aria-label={`${r.status} response`}>
          <p className="api-status">
            <span className={`badge ${r.status.startsWith('2') ? 'badge-good' : 'badge-warn'}`}>{r.status}</span>
            {r.headers.length > 0 ? (
              <span className="hint">
                {' '}
                Headers: {r.headers.map((h) => <code key={h}>{h}</code>).reduce<ReactNode[]>((all, c, i) => (i === 0 ? [c] : [...all, ', ', c]), [])}
              </span>
            ) : null}
          </p>
          <Prose text={r.description} />
          {r.contents.map((c) => (
            <Content key={c.mediaType} content={c} caption={`${r.status} answer of ${op.method} ${op.path}`} />
          ))}
        </section>
      ))}
    </article>
  )
}

export default function ApiDocsPage() {
  const view = apiDocsView(openapiDocument())
  return (
    <div className="api-docs">
      <header className="page-header">
        <h1>{view.title}</h1>
        <p className="lede">
          Version {view.version}. The same document as JSON: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        </p>
        <Prose text={view.description} />
      </header>

      <nav aria-label="Operations" className="api-toc card">
        <ul className="plain-list">
          {view.sections.map((s) => (
            <li key={s.tag}>
              <a href={`#tag-${s.tag.replace(/\s+/g, '-')}`}>{s.tag}</a>
              <ul>
                {s.operations.map((op) => (
                  <li key={op.id}>
                    <a href={`#op-${op.id}`}>
                      <span className="api-method-text">{op.method}</span> <code>{op.path}</code>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {view.websockets.length > 0 ? (
            <li>
              <a href="#tag-Chat">Chat (WebSocket)</a>
            </li>
          ) : null}
          <li>
            <a href="#schemas">Schemas</a>
          </li>
        </ul>
      </nav>

      {view.sections.map((s) => (
        <section key={s.tag} className="section" aria-labelledby={`tag-${s.tag.replace(/\s+/g, '-')}`}>
          <h2 id={`tag-${s.tag.replace(/\s+/g, '-')}`}>{s.tag}</h2>
          <Prose text={s.description} />
          {s.operations.map((op) => (
            <Operation key={op.id} op={op} />
          ))}
        </section>
      ))}

      {view.websockets.map((ws) => (
        <section key={ws.path} className="section" aria-labelledby="tag-Chat">
          <h2 id="tag-Chat">Chat</h2>
          <article className="api-op card">
            <h3 className="api-op-title">
              <span className="api-method api-method-ws">WS</span> <code className="api-path">{ws.path}</code>
            </h3>
            <p className="api-summary">{ws.summary}</p>
            <dl className="api-facts">
              <dt>Who</dt>
              <dd>{ws.audience}</dd>
              {ws.limits.map((l) => (
                <Fragment key={l.name}>
                  <dt>{l.name}</dt>
                  <dd>{l.value}</dd>
                </Fragment>
              ))}
            </dl>
            <Prose text={ws.description} />
            <p>
              Frames from the browser: {ws.clientFrames ? <a href={`#schema-${ws.clientFrames}`}>{ws.clientFrames}</a> : 'see the JSON document'}. Frames from the server:{' '}
              {ws.serverFrames ? <a href={`#schema-${ws.serverFrames}`}>{ws.serverFrames}</a> : 'see the JSON document'}.
            </p>
            <h4>Close codes</h4>
            <div className="table-wrap">
              <table className="table api-table">
                <caption className="visually-hidden">Close codes of {ws.path}</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Meaning</th>
                    <th scope="col">Reconnect</th>
                  </tr>
                </thead>
                <tbody>
                  {ws.closeCodes.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">{c.code}</th>
                      <td>{c.meaning}</td>
                      <td>{c.retry ? 'yes, with backoff' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details className="api-example">
              <summary>Example frames</summary>
              <pre>
                <code>{[...ws.examples.client.map((f) => `→ ${f}`), ...ws.examples.server.map((f) => `← ${f}`)].join('\n')}</code>
              </pre>
            </details>
          </article>
        </section>
      ))}

      <section className="section" aria-labelledby="schemas">
        <h2 id="schemas">Schemas</h2>
        {view.schemas.map((s) => (
          <article key={s.name} id={`schema-${s.name}`} className="api-schema" aria-labelledby={`schema-${s.name}-title`}>
            <h3 id={`schema-${s.name}-title`}>
              <code>{s.name}</code>
            </h3>
            {s.description ? <Prose text={s.description} /> : null}
            <Fields rows={s.fields} caption={`Fields of ${s.name}`} />
          </article>
        ))}
      </section>
    </div>
  )
}
