import { InputNumber, type InputNumberProps } from 'antd';
import { useT } from '#web/app/i18n.ts';
import { groupDigits, readNumber } from './numberText.ts';

/**
 * A number box that keeps what was typed. antd's own, given `min`/`max`, silently puts a value outside
 * them back in range when the box loses focus (a probation of 30 months became 24, a value of −5 became
 * 0; review rev28). Here the range only marks the box: the value goes to the form as typed, and the
 * field's rule or the server says what is wrong with it, beside the field. Numbers are written as the
 * reader writes them: "6,5" and "220.000.000" in Vietnamese (the box said 6.50 beside a text saying 6,5,
 * and a declared 220000000 had to be counted digit by digit). What is being typed is left as typed.
 */
export function NumberInput({ min, max, status, ...props }: InputNumberProps<number>) {
  const { lang } = useT();
  const v = typeof props.value === 'number' ? props.value : null;
  const out =
    v !== null && ((min !== undefined && v < Number(min)) || (max !== undefined && v > Number(max)));
  return (
    <InputNumber<number>
      formatter={(value, info) => (info.userTyping ? info.input : groupDigits(String(value ?? ''), lang))}
      parser={(text) => readNumber(text ?? '', lang) as unknown as number}
      {...props}
      status={out ? 'error' : status}
    />
  );
}
