import { createContext, useContext, useLayoutEffect, useState } from 'react';
import { breakpoints, mediaQueryOf, type Screens } from '#shared/screens.ts';

/**
 * The screens a page is first drawn for. The server draws for the width the browser last told it
 * (`#shared/screens.ts`), and the browser's first render must draw the same to take the page over
 * unchanged; the real width is measured in a layout effect just after, before anything is painted.
 * Empty where nothing was drawn (antd's Grid.useBreakpoint starts so too).
 */
export const FirstScreens = createContext<Screens>({});

/** Which of antd's breakpoints the screen holds, starting from the width the page was drawn for. */
export function useScreens(): Screens {
  const [screens, setScreens] = useState(useContext(FirstScreens));
  useLayoutEffect(() => {
    const lists = breakpoints.map((b) => [b, window.matchMedia(mediaQueryOf(b))] as const);
    const update = () => {
      const now: Screens = Object.fromEntries(lists.map(([b, list]) => [b, list.matches]));
      setScreens((was) => (breakpoints.every((b) => was[b] === now[b]) ? was : now));
    };
    update();
    for (const [, list] of lists) list.addEventListener('change', update);
    return () => {
      for (const [, list] of lists) list.removeEventListener('change', update);
    };
  }, []);
  return screens;
}
