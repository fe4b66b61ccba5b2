/** The service-area zones with their travel fees, from the business settings. Server component. */
import type { ServiceArea } from '../../domain'
import { formatTravelFee } from '../../site/format'

export function ServiceAreaList({ areas, currency }: { areas: readonly ServiceArea[]; currency: string }) {
  if (areas.length === 0) return null
  return (
    <ul className="area-list">
      {areas.map((a) => (
        <li key={a.zone}>
          <span className="area-zone">{a.zone}</span>
          <span className={a.travelFeeCents === 0 ? 'badge badge-good' : 'badge'}>{formatTravelFee(a.travelFeeCents, currency)}</span>
        </li>
      ))}
    </ul>
  )
}
