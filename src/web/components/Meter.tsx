/**
 * A share done, as a thin bar and its percentage: what antd's Progress draws in a list's rows, for a
 * fraction of its cost (a province plan's 48 rows of Progress were a good part of the page's first
 * render, issue 17 §24). A native progress element, so assistive technology reads it as one.
 */
export function Meter({ percent, label, width = 120 }: { percent: number; label: string; width?: number }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <span className="meter" style={{ width }}>
      <progress
        className={value >= 100 ? 'meter-bar meter-done' : 'meter-bar'}
        max={100}
        value={value}
        aria-label={label}
      />
      <span className="meter-text" aria-hidden="true">
        {value}%
      </span>
    </span>
  );
}
