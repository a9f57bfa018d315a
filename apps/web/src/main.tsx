import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/AppProviders';
import { AppRoutes } from './app/AppRoutes';
import { createQueryClient } from './app/queryClient';
import { SessionGate } from './app/SessionGate';
import { sessionQuery } from './features/auth/session';
import { detectInitialLanguage, initI18n, switchLanguage } from './i18n/i18n';
import { isLanguageCode } from './i18n/languages';

async function boot(): Promise<void> {
  const queryClient = createQueryClient();
  // Load the session and the likely language in parallel; a signed-in user's own locale wins.
  const [session] = await Promise.all([
    // SessionGate shows the error and a retry button; boot must not wait for retries.
    queryClient.fetchQuery({ ...sessionQuery, retry: false }).catch(() => null),
    initI18n(detectInitialLanguage()),
  ]);
  const userLocale = session?.user?.locale;
  if (isLanguageCode(userLocale)) {
    await switchLanguage(userLocale);
  }

  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <SessionGate>
          <AppRoutes />
        </SessionGate>
      </AppProviders>
    </StrictMode>,
  );
}

void boot();
