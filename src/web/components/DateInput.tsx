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
    />
  );
}
