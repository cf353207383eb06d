import { describe, expect, it } from 'vitest';
import { asBreakpoint, guessWidest, mediaQueryOf, screensOf, widestAt } from './screens.ts';

describe('screens the server draws for', () => {
  it('knows a screen’s widest breakpoint by its width, at antd’s edges', () => {
    expect(widestAt(390)).toBe('xs');
    expect(widestAt(575)).toBe('xs');
    expect(widestAt(576)).toBe('sm');
    expect(widestAt(991)).toBe('md');
    expect(widestAt(1280)).toBe('xl');
    expect(widestAt(2560)).toBe('xxxl');
  });

  it('gives the screens that hold for it, as antd reports them', () => {
    expect(screensOf('xs')).toEqual({
      xs: true,
      sm: false,
      md: false,
      lg: false,
      xl: false,
      xxl: false,
      xxxl: false,
    });
    expect(screensOf('xl')).toEqual({
      xs: false,
      sm: true,
      md: true,
      lg: true,
      xl: true,
      xxl: false,
      xxxl: false,
    });
    expect(mediaQueryOf('xs')).toBe('(max-width: 575px)');
    expect(mediaQueryOf('lg')).toBe('(min-width: 992px)');
  });

  it('reads only breakpoint names from a cookie, and guesses a phone from its browser', () => {
    expect(asBreakpoint('lg')).toBe('lg');
    expect(asBreakpoint('../x')).toBeUndefined();
    expect(guessWidest('Mozilla/5.0 (Linux; Android 11; moto g power (2022)) Mobile Safari/537.36')).toBe(
      'xs',
    );
    expect(guessWidest('Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0')).toBe('xl');
    expect(guessWidest(undefined)).toBe('xl');
  });
});
