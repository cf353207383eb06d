/**
 * The sign-in page drawn at build time (issue 17 §24): the server sends it as HTML with its styles, so a
 * phone on a slow network shows the form before the app's JavaScript has arrived; the app then takes
 * over with the same markup (`main.tsx`). Run by the build (vite.config.ts), never in the browser.
 */
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { StaticRouter } from 'react-router';
import { en, singularResources } from '#shared/i18n/en.ts';
import type { Language } from '#shared/i18n/index.ts';
import './app/i18n.ts';
import { Themed } from './app/theme.tsx';
import SignInPage from './features/auth/SignInPage.tsx';

export async function renderSignIn(lang: Language): Promise<{ html: string; styles: string }> {
  if (!i18next.hasResourceBundle('en', 'translation'))
    i18next.addResourceBundle('en', 'translation', { ...en, ...singularResources });
  await i18next.changeLanguage(lang);
  const cache = createCache();
  const html = renderToString(
    <StyleProvider cache={cache}>
      <I18nextProvider i18n={i18next}>
        <QueryClientProvider client={new QueryClient()}>
          <Themed lang={lang}>
            <StaticRouter location="/sign-in">
              <SignInPage />
            </StaticRouter>
          </Themed>
        </QueryClientProvider>
      </I18nextProvider>
    </StyleProvider>,
  );
  return { html, styles: extractStyle(cache) };
}
