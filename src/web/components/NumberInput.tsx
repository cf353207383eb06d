import { InputNumber, type InputNumberProps } from 'antd';
import { useT } from '#web/app/i18n.ts';

/**
 * A number box that keeps what was typed. antd's own, given `min`/`max`, silently puts a value outside
 * them back in range when the box loses focus (a probation of 30 months became 24, a value of −5 became
 * 0; review rev28). Here the range only marks the box: the value goes to the form as typed, and the
 * field's rule or the server says what is wrong with it, beside the field. Decimals are written as the
 * reader writes them: "6,5" in Vietnamese (the text beside the box said 6,5 while the box said 6.50).
 */
export function NumberInput({ min, max, status, ...props }: InputNumberProps<number>) {
  const { lang } = useT();
  const v = typeof props.value === 'number' ? props.value : null;
  const out =
    v !== null && ((min !== undefined && v < Number(min)) || (max !== undefined && v > Number(max)));
  return (
    <InputNumber<number>
      decimalSeparator={lang === 'vi' ? ',' : '.'}
      {...props}
      status={out ? 'error' : status}
    />
  );
}
