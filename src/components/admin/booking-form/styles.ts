/**
 * The staff booking form's few styles, on Payload's theme variables so light and dark modes both
 * read (contrast checked by axe in the e2e spec). Scoped under .bf-* classes: nothing else changes.
 */
export const formStyles = `
.bf-date-picker__nav { display: flex; gap: 0.5rem; margin-bottom: 0.5rem; }
.bf-date-picker__nav .btn { margin: 0; }
.bf-date-picker .calendar { border-collapse: separate; border-spacing: 4px; }
.bf-date-picker .calendar caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
.bf-date-picker .calendar th { font-weight: 500; font-size: 0.85em; }
.bf-date-picker .calendar-day {
  width: 2.5rem; height: 2.25rem; border-radius: 4px; cursor: pointer; font: inherit;
  border: 1px solid var(--theme-elevation-250); background: var(--theme-elevation-50); color: var(--theme-text);
}
.bf-date-picker .calendar-day[data-kind="free"], .bf-legend .bf-day-free { background: var(--theme-success-100); border-color: var(--theme-success-500); color: var(--theme-success-900, var(--theme-text)); }
.bf-date-picker .calendar-day[data-kind="full"], .bf-legend .bf-day-full { background: var(--theme-error-100); border-color: var(--theme-error-400); color: var(--theme-error-900, var(--theme-text)); text-decoration: line-through; }
.bf-date-picker .calendar-day[data-kind="unavailable"], .bf-legend .bf-day-unavailable { background: var(--theme-elevation-100); color: var(--theme-elevation-800); }
.bf-date-picker .calendar-day.is-selected { outline: 3px solid var(--theme-elevation-900); outline-offset: 1px; font-weight: 700; }
.bf-date-picker .calendar-day:focus-visible { outline: 3px solid var(--theme-success-500); }
.bf-legend { display: flex; gap: 0.5rem; margin-top: 0.5rem; font-size: 0.85em; }
.bf-legend span { padding: 0.1rem 0.5rem; border-radius: 4px; border: 1px solid transparent; }
.bf-quote table { width: 100%; max-width: 32rem; border-collapse: collapse; }
.bf-quote td { padding: 0.15rem 0; }
`

/**
 * Payload's default greys for field descriptions and inactive tab labels fall under 4.5:1 on the
 * booking form (axe, serious); one step darker here, on this form only (the styles load with it).
 */
export const contrastStyles = `
form:has(.bf-date-picker) .field-description { color: var(--theme-elevation-650); }
form:has(.bf-date-picker) .tabs-field__tab-button { color: var(--theme-elevation-800); opacity: 1; }
form:has(.bf-date-picker) .tabs-field__tab-button--active { color: var(--theme-text); }
`
