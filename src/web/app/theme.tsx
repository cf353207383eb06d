import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import type { ReactNode } from 'react';
import type { Language } from '#shared/i18n/index.ts';

const theme = {
  token: {
    colorPrimary: '#0b5cad',
    colorLink: '#0b5cad',
    colorInfo: '#0b5cad',
    // antd's default secondary greys are below WCAG AA contrast on white.
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    colorError: '#c62828',
    // A lighter dimming behind drawers and dialogs keeps the page behind them readable (and AA).
    colorBgMask: 'rgba(0, 0, 0, 0.25)',
    fontFamily: '"Noto Sans", system-ui, sans-serif',
    borderRadius: 6,
  },
  components: {
    // Tag text in the preset colours is too light for AA; darker text on the same tint.
    Tag: { defaultColor: 'rgba(0, 0, 0, 0.85)' },
  },
};

/** antd's locale and Liêm's colours: the same for the app and for the page rendered at build time. */
export function Themed({ lang, children }: { lang: Language; children: ReactNode }) {
  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={theme}
      // A refused form shows its first wrong field, wherever the send button left the page (sec31 UX 7).
      form={{ scrollToFirstError: { block: 'center', focus: true } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
