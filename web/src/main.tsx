import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { AriaLocale } from './app/aria-locale';
import '@digital-go-jp/design-tokens/dist/tokens.css';
import './styles.css';
import { AuthProvider } from './app/auth';
import { i18n } from './app/i18n';
import { router } from './app/routes';
import { EventsProvider } from './app/use-events';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AriaLocale>
        <AuthProvider>
          <EventsProvider>
            <RouterProvider router={router} />
          </EventsProvider>
        </AuthProvider>
      </AriaLocale>
    </I18nextProvider>
  </StrictMode>,
);
