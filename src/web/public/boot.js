// The sign-in page arrives already drawn (vite.config.ts `drawnPages`; staff pages too, ADR 0045). Its form is on screen before
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
// Each of the app's files is run in a task of its own, one after another, rather than all of them in one:
// on a slow phone a single task of a few hundred milliseconds is a page that does not answer (Lighthouse's
// total blocking time). They are asked for a dozen per change to the page (each change has the browser look
// at the page's styles again), a change per task; a file run before its dependencies runs them first.
// A message rather than a timer: browsers hold nested timers back by 4 ms each, twenty files' worth.
const nextTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(undefined);
    channel.port2.postMessage(null);
  });
const start = async () => {
  const files = [...document.querySelectorAll('meta[name="liem-preload"]')].map(
    (meta) => meta.getAttribute('content') ?? '',
  );
  // Each request costs the page a moment: a drawn page's sixty-odd files asked for in one task were 50 ms
  // of it on a slow phone.
  for (let i = 0; i < files.length; i += 12) {
    document.head.append(
      ...files.slice(i, i + 12).map((file) => {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.crossOrigin = '';
        link.href = file;
        return link;
      }),
    );
    await nextTask();
  }
  for (const file of files) {
    await import(file);
    await nextTask();
  }
  if (app) await import(app);
};
requestAnimationFrame(() => setTimeout(start, 0));
