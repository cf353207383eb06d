import { InputNumber, type InputNumberProps } from 'antd';

/**
 * A number box that keeps what was typed. antd's own, given `min`/`max`, silently puts a value outside
 * them back in range when the box loses focus (a probation of 30 months became 24, a value of −5 became
 * 0; review rev28). Here the range only marks the box: the value goes to the form as typed, and the
 * field's rule or the server says what is wrong with it, beside the field.
 */
export function NumberInput({ min, max, status, ...props }: InputNumberProps<number>) {
  const v = typeof props.value === 'number' ? props.value : null;
  const out =
    v !== null && ((min !== undefined && v < Number(min)) || (max !== undefined && v > Number(max)));
  return <InputNumber<number> {...props} status={out ? 'error' : status} />;
}
