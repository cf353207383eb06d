/**
 * What a user typed into a page the server sent already drawn, before the app took it over: the app's
 * form starts with it, and the field they were in keeps the focus.
 */
const typed: Record<string, string> = {};
let focused: string | null = null;
let submitted = false;

export function keepTyped(root: HTMLElement) {
  // Sent, or its button pressed and not yet released (the click would be lost with the button).
  submitted = root.dataset.submitted === 'true' || root.dataset.pressed === 'true';
  for (const input of root.querySelectorAll<HTMLInputElement>('input[id]'))
    if (input.value) typed[input.id] = input.value;
  const active = document.activeElement;
  focused = active instanceof HTMLInputElement && root.contains(active) ? active.id : null;
}

/** The values typed for these fields (each once: a later visit of the form starts empty). */
export function takeTyped<K extends string>(fields: readonly K[]): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  for (const f of fields) {
    if (typed[f] !== undefined) values[f] = typed[f];
    delete typed[f];
  }
  return values;
}

/** The field that had the focus when the app took over, once; null when none (the form's own choice). */
export function takeFocus(): string | null {
  const f = focused;
  focused = null;
  return f;
}

/** True once if the drawn form was sent before the app took over (public/boot.js held it back). */
export function takeSubmitted(): boolean {
  const s = submitted;
  submitted = false;
  return s;
}
