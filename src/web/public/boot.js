// The sign-in page arrives already drawn (vite.config.ts `prerenderSignIn`). Its form is on screen before
// any of the app's code is asked for: this starts the app only once the page has been painted, so on a
// slow network the page's own bytes are not shared with half a megabyte of script.
const app = document.querySelector('meta[name="liem-app"]')?.getAttribute('content');
// A form sent before the app is here is not sent by the browser (it would reload the page and lose what
// was typed): it is marked, and the app sends it once it has taken the page over (app/typed.ts).
const root = document.getElementById('root');
root?.addEventListener('submit', (event) => {
  event.preventDefault();
  if (root.dataset.prerendered) root.dataset.submitted = 'true';
});
// The language switch pressed before the app is here: the app starts in that language.
root?.addEventListener('click', (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-switch-lang]');
  if (button && root.dataset.prerendered) root.dataset.switchLang = button.getAttribute('data-switch-lang');
});
// A press on the button the app replaces before it is released never becomes a click (its target is
// gone): the press counts as sending the form.
root?.addEventListener('pointerdown', (event) => {
  if (event.target instanceof Element && event.target.closest('button[type=submit]'))
    root.dataset.pressed = 'true';
});
const start = () => {
  for (const meta of document.querySelectorAll('meta[name="liem-preload"]')) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = meta.getAttribute('content') ?? '';
    document.head.append(link);
  }
  if (app) void import(app);
};
requestAnimationFrame(() => setTimeout(start, 0));
