import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A date field that reads day first (DD/MM/YYYY) whatever the browser's language — a native date input
 * shows month first in an English browser — and keeps the value as the API wants it, 'YYYY-MM-DD', so a
 * form's values need no converting. `max` ('YYYY-MM-DD') greys the days after it (e.g. today) and marks
 * one chosen or typed.
 */
export function DateInput({
  value,
  onChange,
  max,
  id,
  ...rest
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  max?: string;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
}) {
  return (
    <DatePicker
      id={id}
      disabled={rest.disabled}
      aria-label={rest['aria-label']}
      format="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      // Days after `max` are shown greyed, not disabled: a disabled day typed into the box was dropped as if
      // never typed (Tab, Enter, review rev28/rev29). Kept and marked instead; the field's rule or the
      // server says why it cannot be.
      cellRender={(current, info) =>
        max && info.type === 'date' && typeof current === 'object' && current.format('YYYY-MM-DD') > max ? (
          <span className="after-max">{info.originNode}</span>
        ) : (
          info.originNode
        )
      }
      status={value && max && value > max ? 'error' : undefined}
    />
  );
}
