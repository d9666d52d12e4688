import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '@digital-go-jp/design-tokens/dist/tokens.css';
import './field.css';
import { App } from './app';
import { i18n, initI18n } from './i18n';

async function start() {
  await initI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
  if ('serviceWorker' in navigator) {
    // Scope "/" so the worker answers both /field/* and /t/*; it ignores every other path.
    navigator.serviceWorker.register('/field-sw.js', { scope: '/' }).catch(() => undefined);
  }
}
void start();
