'use client'
/** Prints the page (the browser's own dialog); the print stylesheet leaves only the list. */
export function PrintButton() {
  return (
    <button type="button" className="schedule-btn" onClick={() => window.print()}>
      Print
    </button>
  )
}
