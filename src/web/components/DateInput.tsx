import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A date field that reads day first (DD/MM/YYYY) whatever the browser's language — a native date input
 * shows month first in an English browser — and keeps the value as the API wants it, 'YYYY-MM-DD', so a
 * form's values need no converting. `max` ('YYYY-MM-DD') disables the days after it (e.g. today).
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
      disabledDate={max ? (d) => d.format('YYYY-MM-DD') > max : undefined}
      status={value && max && value > max ? 'error' : undefined}
      // The picker drops a typed day it would not offer (after `max`) when the box loses focus, as if it
      // had not been typed (review rev28). It is kept instead, marked, and the field's rule or the server
      // says why it cannot be.
      onBlur={(e) => {
        const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((e.target as HTMLInputElement).value.trim());
        const d = m ? dayjs(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`) : null;
        if (d?.isValid() && max && d.format('YYYY-MM-DD') > max && d.format('YYYY-MM-DD') !== value)
          onChange?.(d.format('YYYY-MM-DD'));
      }}
    />
  );
}
